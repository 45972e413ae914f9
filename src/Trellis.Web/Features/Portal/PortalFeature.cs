using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Portal.CheckIns;

namespace Trellis.Web.Features.Portal;

/// <summary>
/// The participant portal (issue 11): daily check-ins with the program's alert rules, questionnaires due answered in the
/// portal, the intake packet read and signed in the portal (kept as a PDF), files uploaded to the chart (type by content, ClamAV scan), and the chart tabs where the care team reads them.
/// </summary>
public sealed class PortalFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("check-ins", "Check-ins", Permissions.ReadClinical, 22));
        services.AddSingleton(new ParticipantCard(typeof(CheckIns.Pages.CheckInCard), 5));
        services.AddHostedService<CheckInSweepService>();
        services.AddSingleton(new ChartTab("documents", "Documents", Permissions.AnyStaff, 24));
        services.AddSingleton(new ParticipantCard(typeof(Documents.Pages.DocumentsCard), 6));
        services.AddSingleton<ChromiumPdf>();
        services.AddSingleton<Uploads.UploadScanner>();
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapCheckInsApi();
        Measures.MeasuresApi.MapMeasuresApi(api);
        Documents.DocumentsApi.MapDocumentsApi(api);
        Uploads.UploadsApi.MapUploadsApi(api);
    }

    /// <summary>The signed copy and the uploaded files for pages (cookie sign-in): the same handlers as the API's.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGet("/documents/{id:guid}/{documentId:guid}/pdf", Documents.DocumentsApi.Pdf).RequireAuthorization(Permissions.Anyone).ExcludeFromDescription();
        app.MapGet("/uploads/{id:guid}/{uploadId:guid}", Uploads.UploadsApi.Download).RequireAuthorization(Permissions.Anyone).ExcludeFromDescription();
    }
}
