using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
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

public sealed record ChecklistItemDto(OrientationItem Item, string Label, bool Done, DateOnly? DoneOn, string? DoneBy, string? Note);

public sealed record ChecklistUpdate(bool Done, string? Note);

public sealed record ConsentDto(Guid Id, ConsentKind Kind, string PatientName, string DisclosingParty, string Information, string Recipient,
    string Purpose, DateOnly? ExpiresOn, string? ExpiresOnEvent, bool RightToRevokeExplained, bool RedisclosureNoticeGiven, string SignedBy,
    string SignerRelationship, DateOnly SignedOn, DateOnly? RevokedOn, string? RevocationNote, long Version)
{
    public static ConsentDto From(DisclosureConsent c) => new(c.Id, c.Kind, c.PatientName, c.DisclosingParty, c.Information, c.Recipient, c.Purpose,
        c.ExpiresOn, c.ExpiresOnEvent, c.RightToRevokeExplained, c.RedisclosureNoticeGiven, c.SignedBy, c.SignerRelationship, c.SignedOn, c.RevokedOn, c.RevocationNote, c.Version);
}

public sealed record RevokeRequest(DateOnly? RevokedOn, string? Note);

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
            .WithSummary("Tick or untick a checklist item (program_rules, schedule, consent_to_treatment, privacy_notice, releases_of_information).");
        group.MapGet("/consents", Consents).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Consents to disclose: 42 CFR Part 2 consents and releases of information, revoked ones included.");
        group.MapPost("/consents", AddConsent).RequireAuthorization(Permissions.AdmissionRecords)
            .WithSummary("Record a signed consent with every required element; a Part 2 consent needs the redisclosure notice.");
        group.MapPost("/consents/{consentId:guid}/revoke", Revoke).RequireAuthorization(Permissions.AdmissionRecords)
            .WithSummary("Record that the participant revoked a consent. It is kept, marked revoked.");
        return api;
    }

    private static Task<Participant?> FindAsync(TrellisDbContext db, Guid id, CancellationToken ct) =>
        db.Participants.Include(p => p.Program).FirstOrDefaultAsync(p => p.Id == id, ct);

    public static async Task<Results<Ok<List<ObligationDto>>, ProblemHttpResult>> Obligations(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is null) return Problems.NotFound("participant");
        var list = await Admitting.ObligationsAsync(db, id, ct);
        await db.AuditReadAsync(nameof(WeeklyObligation), list.Select(o => ((object)o.Id, (Guid?)id)), null, ct);
        return TypedResults.Ok(list.Select(ObligationDto.From).ToList());
    }

    public static async Task<Results<Created<ObligationDto>, ProblemHttpResult>> AddObligation(Guid id, ObligationInput input, TrellisDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is null) return Problems.NotFound("participant");
        var o = Admitting.AddObligation(db, id, input);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/participants/{id}/obligations", ObligationDto.From(o));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveObligation(Guid id, Guid obligationId, TrellisDbContext db, CancellationToken ct)
    {
        var o = await db.Set<WeeklyObligation>().FirstOrDefaultAsync(x => x.Id == obligationId && x.ParticipantId == id, ct);
        if (o is null) return Problems.NotFound("obligation");
        db.Remove(o);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<TrackFitDto>>, ProblemHttpResult>> TrackFit(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var participant = await FindAsync(db, id, ct);
        if (participant is null) return Problems.NotFound("participant");
        var rows = await Admitting.TrackFitAsync(db, participant, ct);
        return TypedResults.Ok(rows.Select(r => new TrackFitDto(r.Track.Id, r.Track.Name, r.Track.Describe(), r.Track.HoursPerWeek, r.Fit.Track.Capacity,
            r.Fit.Track.Enrolled, r.Fit.Fits, r.Fit.Problems.Select(p => p.Text).ToList())).ToList());
    }

    public static async Task<Results<Ok<AdmissionResult>, ProblemHttpResult, ValidationProblem>> Admit(Guid id, AdmitInput input, TrellisDbContext db,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var participant = await FindAsync(db, id, ct);
        if (participant is null) return Problems.NotFound("participant");
        var (errors, warnings, details) = await Admitting.CheckAsync(db, participant, input, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        db.ChangeTracker.Clear();
        await Admitting.AdmitAsync(db, id, details!, Caller.From(user), ct);
        await db.SaveChangesAsync(ct);
        var saved = await db.Participants.AsNoTracking().FirstAsync(p => p.Id == id, ct);
        return TypedResults.Ok(new AdmissionResult(id, saved.Status, saved.TrackId, saved.AdmittedOn, warnings));
    }

    public static async Task<Results<Ok<List<ChecklistItemDto>>, ProblemHttpResult>> Checklist(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var participant = await FindAsync(db, id, ct);
        if (participant is null) return Problems.NotFound("participant");
        var lines = await OrientationRecords.ChecklistAsync(db, id, participant.Program!, ct);
        await db.AuditReadAsync(nameof(OrientationStep), id, id, ct);
        return TypedResults.Ok(lines.Select(l => new ChecklistItemDto(l.Item, Orientation.Label(l.Item), l.Done, l.DoneOn, l.DoneBy, l.Note)).ToList());
    }

    public static async Task<Results<Ok<List<ChecklistItemDto>>, ProblemHttpResult, ValidationProblem>> SetChecklistItem(Guid id, string item,
        ChecklistUpdate update, TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var participant = await FindAsync(db, id, ct);
        if (participant is null) return Problems.NotFound("participant");
        if (!EnumText.TryParse<OrientationItem>(item, out var parsed))
            return Problems.Invalid("item", $"'{(item.Length > 40 ? item[..40] : item)}' is not a checklist item; use one of {EnumText.Allowed<OrientationItem>()}.");
        if (await OrientationRecords.SetAsync(db, id, participant.Program!, parsed, update.Done, update.Note, Caller.From(user), ct) is { } problem)
            return Problems.Invalid("item", problem);
        await db.SaveChangesAsync(ct);
        return await Checklist(id, db, ct) is { Result: Ok<List<ChecklistItemDto>> ok } ? ok : Problems.NotFound("participant");
    }

    public static async Task<Results<Ok<List<ConsentDto>>, ProblemHttpResult>> Consents(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is null) return Problems.NotFound("participant");
        var list = await db.Set<DisclosureConsent>().AsNoTracking().Where(c => c.ParticipantId == id).OrderByDescending(c => c.SignedOn).ToListAsync(ct);
        await db.AuditReadAsync(nameof(DisclosureConsent), list.Select(c => ((object)c.Id, (Guid?)id)), null, ct);
        return TypedResults.Ok(list.Select(ConsentDto.From).ToList());
    }

    public static async Task<Results<Created<ConsentDto>, ProblemHttpResult, ValidationProblem>> AddConsent(Guid id, ConsentInput input, TrellisDbContext db, CancellationToken ct)
    {
        var participant = await FindAsync(db, id, ct);
        if (participant is null) return Problems.NotFound("participant");
        if (input.Kind == ConsentKind.Part2 && participant.Program?.IsPart2 != true)
            return Problems.Invalid(nameof(ConsentInput.Kind), $"{participant.Program?.Name} is not a 42 CFR Part 2 program; record a release of information instead.");
        var consent = OrientationRecords.AddConsent(db, id, input);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/participants/{id}/consents", ConsentDto.From(consent));
    }

    public static async Task<Results<Ok<ConsentDto>, ProblemHttpResult, ValidationProblem>> Revoke(Guid id, Guid consentId, RevokeRequest? request, TrellisDbContext db, CancellationToken ct)
    {
        var consent = await db.Set<DisclosureConsent>().FirstOrDefaultAsync(c => c.Id == consentId && c.ParticipantId == id, ct);
        if (consent is null) return Problems.NotFound("consent");
        if (consent.RevokedOn is not null) return Problems.Invalid("consent", $"This consent was already revoked on {consent.RevokedOn:MMM d, yyyy}.");
        var on = request?.RevokedOn ?? await ProgramClock.ClinicTodayAsync(db, ct);
        if (on < consent.SignedOn) return Problems.Invalid(nameof(RevokeRequest.RevokedOn), "A consent cannot be revoked before it was signed.");
        if (request?.Note is { Length: > 500 }) return Problems.Invalid(nameof(RevokeRequest.Note), "Keep the note to 500 characters.");
        consent.RevokedOn = on;
        consent.RevocationNote = Pipeline.Clean(request?.Note);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ConsentDto.From(consent));
    }
}
