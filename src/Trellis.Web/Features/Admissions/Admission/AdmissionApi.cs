using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.Admission.Actions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Scheduling.Placement;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Admissions.Admission;

public sealed record ObligationDto(Guid Id, ObligationKind Kind, string Label, IReadOnlyList<string> Days, TimeOnly StartTime, TimeOnly EndTime, int TravelMinutes, long Version)
{
    public static ObligationDto From(WeeklyObligation o) =>
        new(o.Id, o.Kind, o.Label, o.Weekdays.Days().Select(d => d.ToString().ToLowerInvariant()).ToList(), o.StartTime, o.EndTime, o.TravelMinutes, o.Version);
}

public sealed record TrackFitDto(Guid TrackId, string Name, string Schedule, decimal HoursPerWeek, int Capacity, int Enrolled, bool Fits, IReadOnlyList<string> Problems);

public sealed record AdmissionResult(Guid ParticipantId, ParticipantStatus Status, Guid? TrackId, DateOnly? AdmittedOn, IReadOnlyList<string> Warnings);

/// <param name="Version">The item's version, sent back as If-Match to change it: 0 before it was ever ticked, null for an item only a consent satisfies.</param>
public sealed record ChecklistItemDto(OrientationItem Item, string Label, bool Done, DateOnly? DoneOn, string? DoneBy, string? Note, long? Version);

public sealed record ConsentDto(Guid Id, ConsentKind Kind, string PatientName, string DisclosingParty, string Information, string Recipient,
    string Purpose, DateOnly? ExpiresOn, string? ExpiresOnEvent, bool RightToRevokeExplained, bool RedisclosureNoticeGiven, string SignedBy,
    string SignerRelationship, DateOnly SignedOn, DateOnly? RevokedOn, string? RevocationNote, long Version)
{
    public static ConsentDto From(DisclosureConsent c) => new(c.Id, c.Kind, c.PatientName, c.DisclosingParty, c.Information, c.Recipient, c.Purpose,
        c.ExpiresOn, c.ExpiresOnEvent, c.RightToRevokeExplained, c.RedisclosureNoticeGiven, c.SignedBy, c.SignerRelationship, c.SignedOn, c.RevokedOn, c.RevocationNote, c.Version);
}

/// <summary>/api/participants/{id}/…: weekly obligations, the tracks that fit, admission, the orientation checklist and consents.</summary>
public static class AdmissionApi
{
    public static RouteGroupBuilder MapAdmissionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/participants/{id:guid}").WithTags("Admission");
        group.MapGet("/obligations", Obligations).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The participant's weekly obligations (work shifts, childcare, fixed commitments).");
        group.MapPost("/obligations", AddObligation).RequireAuthorization(Permissions.AdmissionRecords)
            .WithSummary("Record a weekly obligation. An end at or before the start runs past midnight.");
        group.MapDelete("/obligations/{obligationId:guid}", RemoveObligation).RequireAuthorization(Permissions.AdmissionRecords)
            .WithSummary("Remove a weekly obligation that no longer applies.");
        group.MapGet("/track-fit", TrackFit).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Every active track of the participant's program, with whether it fits their obligations and why not.");
        group.MapPost("/admission", Admit).RequireAuthorization(Permissions.ManageAdmissions)
            .WithSummary("Admit the participant into a track of their program, with first day and care team; closes their open lead as admitted.");
        group.MapGet("/orientation", Checklist).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The orientation checklist of the participant's program, with what is done.");
        group.MapPut("/orientation/{item}", SetChecklistItem).RequireAuthorization(Permissions.AdmissionRecords)
            .WithSummary("Tick or untick a checklist item (program_rules, schedule, consent_to_treatment, privacy_notice, releases_of_information). If-Match: the item's version from GET …/orientation (\"0\" before it was ever ticked); 428 without, 412 when stale.");
        group.MapGet("/consents", Consents).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Consents to disclose: 42 CFR Part 2 consents and releases of information, revoked ones included.");
        group.MapPost("/consents", AddConsent).RequireAuthorization(Permissions.AdmissionRecords)
            .WithSummary("Record a signed consent with every required element; a Part 2 consent needs the redisclosure notice.");
        group.MapPost("/consents/{consentId:guid}/revoke", Revoke).RequireAuthorization(Permissions.AdmissionRecords)
            .WithSummary("Record that the participant revoked a consent. It is kept, marked revoked.");
        return api;
    }

    private static Task<Participant?> FindAsync(TrellisDbContext db, Guid id, CancellationToken ct) => Admitting.FindChartAsync(db, id, ct);

    public static async Task<Results<Ok<List<ObligationDto>>, ProblemHttpResult>> Obligations(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var list = await Admitting.ObligationsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(WeeklyObligation), list.Select(o => ((object)o.Id, (Guid?)id)), null, ct);
        return TypedResults.Ok(list.Select(ObligationDto.From).ToList());
    }

    public static async Task<Results<Created<ObligationDto>, ProblemHttpResult>> AddObligation(Guid id, ObligationInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (obligation, refused) = await Actions.AddObligation.RunAsync(db, id, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Created($"/api/participants/{id}/obligations", ObligationDto.From(obligation!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveObligation(Guid id, Guid obligationId, TrellisDbContext db, CancellationToken ct) =>
        (await Actions.RemoveObligation.RunAsync(db, id, obligationId, ct)).Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();

    public static async Task<Results<Ok<List<TrackFitDto>>, ProblemHttpResult>> TrackFit(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var participant = await FindAsync(db, id, ct);
        if (participant is null) return Refusal.NotFound("participant").ToProblem();
        var rows = await Admitting.TrackFitAsync(db, participant, ct);
        return TypedResults.Ok(rows.Select(r => new TrackFitDto(r.Track.Id, r.Track.Name, r.Track.Describe(), r.Track.HoursPerWeek, r.Fit.Track.Capacity,
            r.Fit.Track.Enrolled, r.Fit.Fits, r.Fit.Problems.Select(p => p.Text).ToList())).ToList());
    }

    public static async Task<Results<Ok<AdmissionResult>, ProblemHttpResult>> Admit(Guid id, AdmitInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (admitted, refused) = await Actions.Admit.RunAsync(db, id, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(admitted!);
    }

    public static async Task<Results<Ok<List<ChecklistItemDto>>, ProblemHttpResult>> Checklist(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var participant = await FindAsync(db, id, ct);
        if (participant is null) return Refusal.NotFound("participant").ToProblem();
        var lines = await OrientationRecords.ChecklistAsync(db, id, participant.Program!, ct);
        await db.AuditReadAsync(nameof(OrientationStep), id, id, ct);
        return TypedResults.Ok(lines.Select(l => new ChecklistItemDto(l.Item, Orientation.Label(l.Item), l.Done, l.DoneOn, l.DoneBy, l.Note,
            Orientation.IsTickable(l.Item) ? l.Version ?? 0 : null)).ToList());
    }

    public static async Task<Results<Ok<List<ChecklistItemDto>>, ProblemHttpResult>> SetChecklistItem(Guid id, string item,
        ChecklistUpdate update, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!EnumText.TryParse<OrientationItem>(item, out var parsed))
            return Refusal.Invalid("item", $"'{(item.Length > 40 ? item[..40] : item)}' is not a checklist item; use one of {EnumText.Allowed<OrientationItem>()}.").ToProblem();
        if ((await Actions.SetChecklistItem.RunAsync(db, id, parsed, update, ETags.From(http), ct)).Refusal is { } refused) return refused.ToProblem();
        return await Checklist(id, db, ct) is { Result: Ok<List<ChecklistItemDto>> ok } ? ok : Refusal.NotFound("participant").ToProblem();
    }

    public static async Task<Results<Ok<List<ConsentDto>>, ProblemHttpResult>> Consents(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var list = await db.Set<DisclosureConsent>().AsNoTracking().Where(c => c.ParticipantId == id).OrderByDescending(c => c.SignedOn).ToListAsync(ct);
        await db.AuditReadAsync(nameof(DisclosureConsent), list.Select(c => ((object)c.Id, (Guid?)id)), null, ct);
        return TypedResults.Ok(list.Select(ConsentDto.From).ToList());
    }

    public static async Task<Results<Created<ConsentDto>, ProblemHttpResult>> AddConsent(Guid id, ConsentInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (consent, refused) = await RecordConsent.RunAsync(db, id, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Created($"/api/participants/{id}/consents", ConsentDto.From(consent!));
    }

    public static async Task<Results<Ok<ConsentDto>, ProblemHttpResult>> Revoke(Guid id, Guid consentId, RevokeInput? input, TrellisDbContext db, CancellationToken ct)
    {
        var (consent, refused) = await RevokeConsent.RunAsync(db, id, consentId, input ?? new(), ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(ConsentDto.From(consent!));
    }
}
