namespace Trellis.Web.Features.Home;

/// <summary>Cards a feature adds to a participant's home page (my schedule, my plans…); each takes a Participant parameter.</summary>
public static class ParticipantWidgets
{
    public static readonly Infrastructure.Registry<Type> Registry = new();

    public static void Add(Type component) => Registry.Add(component);
}
