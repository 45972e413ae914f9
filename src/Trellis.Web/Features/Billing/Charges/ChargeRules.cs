using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Billing.Charges;

public enum NoteState { None, Draft, AwaitingCosignature, Signed }

/// <summary>One attended session or appointment of the day, with what billing needs to know about it.</summary>
public sealed record ServiceFact(Guid AttendanceId, Guid? SessionId, Guid? AppointmentId, ServiceType Type, string Title, int Minutes, bool Video,
    Guid? RenderingStaffId, string? RenderingName, DateOnly? LicenceExpiresOn, bool HasNpi, Guid? NoteId, NoteState Note);

public enum AuthState { NotNeeded, Covered, None, UsedUp }

public sealed record AuthFact(AuthState State, Guid? Id = null, string? Number = null, string? Detail = null);

/// <summary>Everything that decides a participant-day's charges, gathered by <see cref="ChargeFacts"/>.</summary>
public sealed record DayFacts(Guid ParticipantId, Guid ProgramId, DateOnly Date, bool Part2Program, IReadOnlyList<ServiceFact> Services,
    IReadOnlySet<ServiceType> Counted, Guid? CoverageId, Payer? Payer, FeeSchedule? Schedule, AuthFact Auth, bool Part2Consent, BillingIdentity Identity);

public sealed record DesiredLine(string Code, string? Modifier, string? RevenueCode, int Units, decimal Amount, string PlaceOfService,
    ServiceFact? Source, string Description);

public sealed record DesiredCharge(string Key, ChargeKind Kind, Guid? PayerId, Guid? CoverageId, Guid? ScheduleId, Guid? AuthorizationId, string? AuthorizationNumber,
    decimal Amount, decimal? Expected, int? Qualifying, IReadOnlyList<HoldReason> Holds, IReadOnlyList<DesiredLine> Lines, IReadOnlyList<ServiceFact> Sources);

/// <summary>
/// The pure rules that turn a participant's attended day into charges: per diem or per service by the
/// payer's method, Medicare's IOP day tiered by qualifying services, codes and rates from the fee
/// schedule, place of service and modifier 95 for video, and every reason to hold. No I/O: tested directly.
/// </summary>
public static class ChargeRules
{
    public const string DayKey = "day";

    public static List<DesiredCharge> Build(DayFacts d)
    {
        var services = d.Services.OrderBy(s => s.Title, StringComparer.Ordinal).ThenBy(s => s.AttendanceId).ToList();
        if (services.Count == 0) return [];
        var common = CommonHolds(d, services);
        if (d.Payer is null || d.CoverageId is null)
            return [Unpriced(d, services, [.. common, new(HoldReasons.NoCoverage, $"No coverage was active on {d.Date:MMM d, yyyy}; record the participant's insurance or self-pay.")])];
        if (d.Schedule is null)
            return [Unpriced(d, services, [.. common, new(HoldReasons.NoFeeSchedule, $"No fee schedule of this program for {d.Payer.Name} covers {d.Date:MMM d, yyyy}.")])];
        if (d.Payer.Method == BillingMethod.PerService) return PerService(d, services, common);
        return d.Payer.TiersByServiceCount ? [IopDay(d, services, common)] : [PerDiem(d, services, common)];
    }

    private static List<HoldReason> CommonHolds(DayFacts d, List<ServiceFact> services)
    {
        var holds = new List<HoldReason>();
        switch (d.Auth.State)
        {
            case AuthState.None:
                holds.Add(new(HoldReasons.NoAuthorization, $"No approved authorization covers {d.Date:MMM d, yyyy}{(d.Payer is null ? "" : $" for {d.Payer.Name}")}."));
                break;
            case AuthState.UsedUp:
                holds.Add(new(HoldReasons.AuthorizationUsedUp, d.Auth.Detail ?? $"Authorization {d.Auth.Number} is used up by {d.Date:MMM d, yyyy}."));
                break;
        }
        if (d.Part2Program && d.Payer is { IsSelfPay: false } && !d.Part2Consent)
            holds.Add(new(HoldReasons.Part2NoConsent, $"This is a 42 CFR Part 2 program and no signed consent on file allows disclosure to {d.Payer.Name} for payment on {d.Date:MMM d, yyyy}."));
        return holds;
    }

    /// <summary>Holds that belong to the services a charge is made of: their notes and their clinicians.</summary>
    private static List<HoldReason> ServiceHolds(DayFacts d, IEnumerable<ServiceFact> services)
    {
        var holds = new List<HoldReason>();
        foreach (var s in services)
        {
            var what = $"{s.Title} on {d.Date:MMM d}";
            if (s.Note is NoteState.None or NoteState.Draft)
                holds.Add(new(HoldReasons.NoteUnsigned, s.Note == NoteState.None ? $"{what} has no note yet." : $"The note of {what} is not signed yet."));
            else if (s.Note == NoteState.AwaitingCosignature)
                holds.Add(new(HoldReasons.NoteNotCosigned, $"The note of {what} waits for the supervisor's co-signature."));
            if (s.LicenceExpiresOn is { } expires && expires < d.Date)
                holds.Add(new(HoldReasons.LicenceExpired, $"{s.RenderingName}'s licence expired on {expires:MMM d, yyyy}, before {what}."));
            if (s.RenderingStaffId is not null && !s.HasNpi && d.Payer is { IsSelfPay: false })
                holds.Add(new(HoldReasons.MissingProviderNpi, $"{s.RenderingName} has no NPI on file (Billing › Clinicians), needed for {what}."));
        }
        return holds;
    }

    private static string Pos(DayFacts d, ServiceFact s) => s.Video ? d.Identity.TelehealthPlaceOfService : d.Identity.PlaceOfService;
    private static string? Modifier(DayFacts d, ServiceFact s) => s.Video ? d.Payer!.TelehealthModifier : null;

    private static DesiredCharge Unpriced(DayFacts d, List<ServiceFact> services, List<HoldReason> holds) =>
        new(DayKey, ChargeKind.Unpriced, d.Payer?.Id, d.CoverageId, d.Schedule?.Id, d.Auth.Id, d.Auth.Number, 0, null, null,
            Distinct([.. holds, .. ServiceHolds(d, services)]),
            services.Select(s => new DesiredLine("", null, null, 1, 0, Pos(d, s), s, s.Title)).ToList(), services);

    private static DesiredCharge PerDiem(DayFacts d, List<ServiceFact> services, List<HoldReason> common)
    {
        var line = d.Schedule!.Lines.FirstOrDefault(l => l.Kind == FeeLineKind.PerDiem);
        var counted = services.Where(s => d.Counted.Contains(s.Type)).ToList();
        var holds = new List<HoldReason>(common);
        if (line is null) holds.Add(new(HoldReasons.NoFeeSchedule, $"The fee schedule for {d.Payer!.Name} has no per-diem line."));
        var minutes = counted.Sum(s => s.Minutes);
        if (minutes < d.Payer!.MinimumMinutesForPerDiem)
            holds.Add(new(HoldReasons.BelowMinimum, $"{minutes} minutes of counted services on {d.Date:MMM d}; {d.Payer.Name} pays a per diem from {d.Payer.MinimumMinutesForPerDiem}."));
        holds.AddRange(ServiceHolds(d, counted));
        // A video day is billed as video only when every counted service was by video.
        var video = counted.Count > 0 && counted.All(s => s.Video);
        var pos = video ? d.Identity.TelehealthPlaceOfService : d.Identity.PlaceOfService;
        var lines = line is null ? [] : new List<DesiredLine> { new(line.Code, video ? d.Payer.TelehealthModifier : null, line.RevenueCode, 1, line.Rate, pos, null, line.Description) };
        return new(DayKey, ChargeKind.PerDiem, d.Payer.Id, d.CoverageId, d.Schedule.Id, d.Auth.Id, d.Auth.Number, lines.Sum(l => l.Amount), null, null, Distinct(holds), lines, counted);
    }

    /// <summary>
    /// Medicare's IOP day: a line (revenue code and HCPCS) for every qualifying service, priced at the
    /// clinic's charge; the day is expected to pay the tier for its count of qualifying services.
    /// </summary>
    private static DesiredCharge IopDay(DayFacts d, List<ServiceFact> services, List<HoldReason> common)
    {
        var priced = services.Select(s => (Service: s, Line: ServiceLine(d.Schedule!, s))).Where(x => x.Line is { Qualifies: true }).ToList();
        var count = priced.Count;
        var tier = d.Schedule!.Lines.FirstOrDefault(l => l.Kind == (count >= 4 ? FeeLineKind.IopTier4Plus : FeeLineKind.IopTier3));
        var holds = new List<HoldReason>(common);
        if (count < 3)
            holds.Add(new(HoldReasons.BelowMinimum, $"{count} qualifying service{(count == 1 ? "" : "s")} on {d.Date:MMM d}; Medicare pays an IOP day for 3 or more."));
        if (tier is null) holds.Add(new(HoldReasons.NoFeeSchedule, $"The fee schedule for {d.Payer!.Name} has no IOP tier line for {(count >= 4 ? "4 or more" : "3")} services."));
        holds.AddRange(ServiceHolds(d, priced.Select(p => p.Service)));
        var lines = priced.Select(p => new DesiredLine(p.Line!.Code, Modifier(d, p.Service), p.Line.RevenueCode, 1, p.Line.Rate, Pos(d, p.Service), p.Service, p.Service.Title)).ToList();
        return new(DayKey, ChargeKind.IopDay, d.Payer!.Id, d.CoverageId, d.Schedule.Id, d.Auth.Id, d.Auth.Number, lines.Sum(l => l.Amount),
            count >= 3 ? tier?.Rate : null, count, Distinct(holds), lines, priced.Select(p => p.Service).ToList());
    }

    private static List<DesiredCharge> PerService(DayFacts d, List<ServiceFact> services, List<HoldReason> common)
    {
        var charges = new List<DesiredCharge>();
        foreach (var s in services)
        {
            if (ServiceLine(d.Schedule!, s) is not { } line) continue; // not a billable service for this payer (case management, too short)
            var holds = Distinct([.. common, .. ServiceHolds(d, [s])]);
            var l = new DesiredLine(line.Code, Modifier(d, s), line.RevenueCode, 1, line.Rate, Pos(d, s), s, s.Title);
            charges.Add(new(ServiceKey(s), ChargeKind.Service, d.Payer!.Id, d.CoverageId, d.Schedule!.Id, d.Auth.Id, d.Auth.Number, l.Amount, null, null, holds, [l], [s]));
        }
        return charges;
    }

    public static string ServiceKey(ServiceFact s) => "svc:" + s.AttendanceId.ToString("N");

    /// <summary>The schedule's line for a service: its type, and the highest minute threshold the minutes reach.</summary>
    public static FeeLine? ServiceLine(FeeSchedule schedule, ServiceFact s) =>
        schedule.Lines.Where(l => l.Kind == FeeLineKind.Service && l.ServiceType == s.Type && l.MinMinutes <= s.Minutes)
            .OrderByDescending(l => l.MinMinutes).FirstOrDefault();

    private static List<HoldReason> Distinct(IEnumerable<HoldReason> holds) => holds.DistinctBy(h => h.Text).ToList();
}
