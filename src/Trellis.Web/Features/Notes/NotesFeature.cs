using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Notes;

/// <summary>Notes: the chart tab, the notes page, the notes-to-finish card and the notes and group notes API.</summary>
public sealed class NotesFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("notes", "Notes", Permissions.ReadClinical, 31));
        services.AddSingleton(new NavItem("/notes", "Notes", Permissions.WriteNotes, 50));
        services.AddSingleton(new HomeCard(typeof(Pages.NotesWidget), Permissions.WriteNotes, 80));
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        // A change to a signed note answers 409 whatever its body, so bodies are validated in the actions.
        var group = api.MapGroup(string.Empty);
        group.MapNotesApi();
        group.MapGroupNotesApi();
    }
}
