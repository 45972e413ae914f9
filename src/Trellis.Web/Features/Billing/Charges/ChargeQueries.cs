using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing.Charges;

public sealed record ChargeLineDto(int Number, string Code, string? Modifier, string? RevenueCode, int Units, decimal Amount, string PlaceOfService,
    string Description, int Minutes, Guid? AttendanceRecordId, Guid? GroupSessionId, Guid? AppointmentId, Guid? NoteId, Guid? RenderingStaffId);

/// <summary>A charge as the API and pages show it: the minimum clinical facts a claim needs (dates, services, codes, clinician, authorization), never note text.</summary>
public sealed record ChargeDto(Guid Id, Guid ParticipantId, string ParticipantName, string ProgramName, DateOnly ServiceDate, string Kind, string Status,
    string? PayerName, decimal Amount, decimal? Expected, int? QualifyingServices, string? AuthorizationNumber, List<HoldReason> HoldReasons,
    List<ChargeLineDto> Lines, List<ChargeSource> Sources, DateTimeOffset? ReleasedAt, string? ReleasedBy, string? ReleaseReason, Guid? ReplacesChargeId, string? VoidReason, Guid? ClaimId, long Version);

public static class ChargeQueries
{
    public static async Task<List<ChargeDto>> ListAsync(TrellisDbContext db, IQueryable<Charge> query, CancellationToken ct = default)
    {
        var rows = await query.AsNoTracking().Include(c => c.Lines).Include(c => c.Payer)
            .Select(c => new { Charge = c, c.Participant!.PreferredName, c.Participant.LegalFirstName, c.Participant.LegalLastName, Program = c.Participant.Program!.Name })
            .ToListAsync(ct);
        return rows.Select(r => From(r.Charge, Participant.NameOf(r.PreferredName, r.LegalFirstName, r.LegalLastName), r.Program)).ToList();
    }

    public static ChargeDto From(Charge c, string name, string program) => new(c.Id, c.ParticipantId, name, program, c.ServiceDate, EnumText.ToApi(c.Kind),
        EnumText.ToApi(c.Status), c.Payer?.Name, c.Amount, c.Expected, c.QualifyingServices, c.AuthorizationNumber, c.Holds,
        c.Lines.OrderBy(l => l.Number).Select(l => new ChargeLineDto(l.Number, l.Code, l.Modifier, l.RevenueCode, l.Units, l.Amount, l.PlaceOfService, l.Description,
            l.Minutes, l.AttendanceRecordId, l.GroupSessionId, l.AppointmentId, l.NoteId, l.RenderingStaffId)).ToList(), c.Sources,
        c.ReleasedAt, c.ReleasedBy, c.ReleaseReason, c.ReplacesChargeId, c.VoidReason, c.ClaimId, c.Version);

    public static IQueryable<Charge> Filter(TrellisDbContext db, ChargeStatus? status, Guid? participantId, DateOnly? from = null, DateOnly? to = null)
    {
        var q = db.Set<Charge>().AsQueryable();
        if (status is { } s) q = q.Where(c => c.Status == s);
        if (participantId is { } p) q = q.Where(c => c.ParticipantId == p);
        if (from is { } f) q = q.Where(c => c.ServiceDate >= f);
        if (to is { } t) q = q.Where(c => c.ServiceDate <= t);
        return q.OrderByDescending(c => c.ServiceDate).ThenBy(c => c.ParticipantId).ThenBy(c => c.Key).ThenBy(c => c.Id);
    }
}
