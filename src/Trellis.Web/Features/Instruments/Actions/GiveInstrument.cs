using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Instruments.Actions;

/// <summary>An instrument given in the chart: which, the answers (one per scored item), when, and the extras some ask.</summary>
public sealed class GiveInput
{
    /// <summary>phq-9, gad-7, audit-c, dast-10, c-ssrs-screener or pcl-5 (any case).</summary>
    public string? Instrument { get; set; }
    public IReadOnlyList<JsonElement>? Answers { get; set; }
    /// <summary>AUDIT-C only: female or male.</summary>
    public string? Sex { get; set; }
    /// <summary>When it was given; now when empty.</summary>
    public DateTimeOffset? AdministeredAt { get; set; }
    /// <summary>PHQ-9 only: the unscored difficulty item, 0–3.</summary>
    public int? Difficulty { get; set; }
}

/// <summary>
/// Give an instrument in a participant's chart: scored exactly as published, kept with who and when; a
/// sign of suicide risk flags the chart, tells the clinician and directors and asks for a safety plan, in
/// the same save. Called by the chart's give page and POST /api/participants/{id}/instruments.
/// </summary>
public static class GiveInstrument
{
    public static async Task<Result<GivenInstrument>> RunAsync(TrellisDbContext db, Guid participantId, GiveInput input, CancellationToken ct = default)
    {
        var participant = await db.Participants.AsNoTracking().Include(p => p.Program).FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.GiveInstruments)) return Refusal.Forbidden("Instruments are given by clinical staff and intake, not by administrators.");
        if (InstrumentCatalog.Get(input.Instrument) is not { } definition)
            return Refusal.Invalid("instrument", string.IsNullOrWhiteSpace(input.Instrument)
                ? $"instrument is required: one of {InstrumentCatalog.Codes}."
                : $"There is no instrument '{Echo.Short(input.Instrument)}'; use one of {InstrumentCatalog.Codes}.");
        if (input.Answers is not { } answers) return Refusal.Invalid("answers", $"answers must be a list (JSON array) with one answer per {definition.Code} item.");
        var at = input.AdministeredAt ?? db.Now;
        if (at > db.Now.AddMinutes(5)) return Refusal.Invalid("administeredAt", "The date it was given cannot be in the future.");
        if (at < db.Now.AddYears(-2)) return Refusal.Invalid("administeredAt", "The date it was given is more than two years ago; keep it with the paper records instead.");
        var (given, refused) = await Administrations.RecordAsync(db, participant, definition, answers, input.Sex, at.ToUniversalTime(), ct: ct, difficulty: input.Difficulty);
        if (refused is not null) return refused;
        await db.SaveChangesAsync(ct);
        return given!;
    }
}
