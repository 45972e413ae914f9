namespace Trellis.Web.Features.Home;

/// <summary>
/// A card on staff home pages (today's sessions, open tasks, due reviews…): a component shown to those
/// who hold <see cref="Permission"/>. A feature registers its own with <c>services.AddSingleton(new HomeCard(…))</c>.
/// </summary>
public sealed record HomeCard(Type Component, string Permission, int Order);

/// <summary>A card on a participant's home page (my schedule, my plans…); the component takes a Participant parameter.</summary>
public sealed record ParticipantCard(Type Component, int Order);
