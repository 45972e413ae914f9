namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>What every lead action answers alike.</summary>
internal static class LeadRules
{
    public static readonly Refusal NotAllowed = Refusal.Forbidden("Only intake coordinators, program directors and administrators work leads.");

    public static Refusal NotFound => Refusal.NotFound("lead");
}
