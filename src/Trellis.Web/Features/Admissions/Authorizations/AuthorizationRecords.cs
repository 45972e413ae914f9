using Trellis.Web.Features.Participants;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.Authorizations;

public sealed class AuthorizationInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the payer."), MaxLength(120)]
    public string? Payer { get; set; }

    [Required(ErrorMessage = "Enter the member id from the insurance card."), MaxLength(60), Display(Name = "Member id")]
    public string? MemberId { get; set; }

    [MaxLength(60), Display(Name = "Authorization number")]
    public string? AuthorizationNumber { get; set; }

    [Required(ErrorMessage = "Choose the level of care authorized."), Display(Name = "Level of care")]
    public LevelOfCare? LevelOfCare { get; set; }

    [Required(ErrorMessage = "Choose days or units.")]
    public AuthorizationUnit? Unit { get; set; }

    [Required(ErrorMessage = "Enter how many days or units were authorized."), Range(1, 1000, ErrorMessage = "Authorized must be between 1 and 1000.")]
    public int? Authorized { get; set; }

    [Range(0, 1000, ErrorMessage = "Used must be between 0 and 1000.")]
    public int Used { get; set; }

    [Required(ErrorMessage = "Enter the first day covered."), Display(Name = "From")]
    public DateOnly? StartOn { get; set; }

    [Required(ErrorMessage = "Enter the last day covered."), Display(Name = "To")]
    public DateOnly? EndOn { get; set; }

    [Required(ErrorMessage = "Choose the status.")]
    public AuthorizationStatus? Status { get; set; }

    [MaxLength(120)]
    public string? Reviewer { get; set; }

    [MaxLength(40), RegularExpression(InquiryInput.PhonePattern, ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and )."), Display(Name = "Reviewer phone")]
    public string? ReviewerPhone { get; set; }

    [MaxLength(2000)]
    public string? Notes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StartOn is { } s && EndOn is { } e && e < s)
            yield return new("The last day covered is before the first.", [nameof(EndOn)]);
        if (StartOn is { } s2 && EndOn is { } e2 && e2.DayNumber - s2.DayNumber > 366)
            yield return new("An authorization covers at most a year; record a new one for the next period.", [nameof(EndOn)]);
        if (Authorized is { } a && Used > a)
            yield return new($"Used ({Used}) is more than authorized ({a}).", [nameof(Used)]);
        if (Status == AuthorizationStatus.Approved && string.IsNullOrWhiteSpace(AuthorizationNumber))
            yield return new("An approved authorization has the payer's authorization number.", [nameof(AuthorizationNumber)]);
    }

    public static AuthorizationInput From(InsuranceAuthorization a) => new()
    {
        Payer = a.Payer, MemberId = a.MemberId, AuthorizationNumber = a.AuthorizationNumber, LevelOfCare = a.LevelOfCare, Unit = a.Unit,
        Authorized = a.Authorized, Used = a.Used, StartOn = a.StartOn, EndOn = a.EndOn, Status = a.Status, Reviewer = a.Reviewer,
        ReviewerPhone = a.ReviewerPhone, Notes = a.Notes,
    };

    public void ApplyTo(InsuranceAuthorization a)
    {
        a.Payer = Payer!.Trim();
        a.MemberId = MemberId!.Trim();
        a.AuthorizationNumber = Pipeline.Clean(AuthorizationNumber);
        a.LevelOfCare = LevelOfCare!.Value;
        a.Unit = Unit!.Value;
        a.Authorized = Authorized!.Value;
        a.Used = Used;
        a.StartOn = StartOn!.Value;
        a.EndOn = EndOn!.Value;
        a.Status = Status!.Value;
        a.Reviewer = Pipeline.Clean(Reviewer);
        a.ReviewerPhone = Pipeline.Clean(ReviewerPhone);
        a.Notes = Pipeline.Clean(Notes);
    }
}

public sealed record AuthorizationRow(Guid Id, Guid ParticipantId, string ParticipantName, string ProgramName, string Payer, string MemberId,
    string? AuthorizationNumber, LevelOfCare LevelOfCare, AuthorizationUnit Unit, int Authorized, int Used, DateOnly StartOn, DateOnly EndOn,
    AuthorizationStatus Status, string? Reviewer, long Version, int UsedFromAttendance = 0)
{
    /// <summary>What counts against the authorization: attendance in its dates plus what was entered by hand (<see cref="Used"/>).</summary>
    public int UsedTotal => Used + UsedFromAttendance;
    public int Remaining => Math.Max(0, Authorized - UsedTotal);
    /// <summary>Calendar days from today to the last day covered (not authorized days: see <see cref="Remaining"/>).</summary>
    public int DaysUntilEnd(DateOnly today) => EndOn.DayNumber - today.DayNumber;
}

/// <summary>Which authorizations need someone's attention, and why.</summary>
public static class AuthorizationRecords
{
    /// <summary>Ending within this many days counts as ending soon: long enough to ask for a concurrent review.</summary>
    public const int EndingSoonDays = 14;

    /// <summary>Four fifths used counts as nearly used up.</summary>
    public const decimal NearlyUsedShare = 0.8m;

    public static bool EndingSoon(AuthorizationRow a, DateOnly today) => a.Status == AuthorizationStatus.Approved && a.EndOn >= today && a.EndOn <= today.AddDays(EndingSoonDays);
    public static bool NearlyUsedUp(AuthorizationRow a) => a.Status == AuthorizationStatus.Approved && a.Authorized > 0 && a.UsedTotal >= a.Authorized * NearlyUsedShare;
    public static bool Expired(AuthorizationRow a, DateOnly today) => a.Status == AuthorizationStatus.Approved && a.EndOn < today;

    /// <summary>
    /// Why a row needs attention, in words; empty when it doesn't. Two counts can sit side by side
    /// ("ends in 2 days", "2 authorized days unused"), so each says what it counts: calendar days until
    /// the end date, or authorized days (or units) not used yet.
    /// </summary>
    public static List<string> Reasons(AuthorizationRow a, DateOnly today)
    {
        var reasons = new List<string>();
        var untilEnd = a.DaysUntilEnd(today);
        if (Expired(a, today)) reasons.Add($"ended {a.EndOn:MMM d}");
        else if (EndingSoon(a, today)) reasons.Add(untilEnd == 0 ? "ends today" : $"ends in {untilEnd} day{(untilEnd == 1 ? "" : "s")} ({a.EndOn:MMM d})");
        if (NearlyUsedUp(a))
            reasons.Add(a.Remaining == 0
                ? $"all {a.Authorized} authorized {UnitWord(a.Unit, a.Authorized)} used"
                : $"{a.Remaining} of {a.Authorized} authorized {UnitWord(a.Unit, a.Authorized)} unused");
        if (a.Status == AuthorizationStatus.Requested) reasons.Add("waiting for the payer");
        return reasons;
    }

    /// <summary>"day", "days", "unit", "units".</summary>
    public static string UnitWord(AuthorizationUnit unit, int count) => (unit == AuthorizationUnit.Days ? "day" : "unit") + (count == 1 ? "" : "s");

    /// <summary>
    /// Rows within the caller's scope (the participant filter applies), shaped for lists, with use
    /// counted from attendance in the same query: for days, the dates in range on which the
    /// participant attended anything; for units, each session or appointment attended.
    /// </summary>
    public static IQueryable<AuthorizationRow> Rows(TrellisDbContext db, IQueryable<InsuranceAuthorization>? source = null) =>
        (source ?? db.Set<InsuranceAuthorization>()).AsNoTracking().Select(a => new AuthorizationRow(a.Id, a.ParticipantId,
            Participant.NameOf(a.Participant!.PreferredName, a.Participant.LegalFirstName, a.Participant.LegalLastName), a.Participant.Program!.Name,
            a.Payer, a.MemberId, a.AuthorizationNumber, a.LevelOfCare, a.Unit, a.Authorized, a.Used, a.StartOn, a.EndOn, a.Status, a.Reviewer, a.Version,
            // Written out twice: EF translates the expression, not a helper method that returns one.
            a.Unit == AuthorizationUnit.Days
                ? db.Attendance.Where(r => r.ParticipantId == a.ParticipantId && r.MinutesAttended > 0)
                    .Select(r => r.GroupSession != null ? r.GroupSession.LocalDate : r.Appointment!.LocalDate)
                    .Where(d => d >= a.StartOn && d <= a.EndOn).Distinct().Count()
                : db.Attendance.Where(r => r.ParticipantId == a.ParticipantId && r.MinutesAttended > 0)
                    .Select(r => r.GroupSession != null ? r.GroupSession.LocalDate : r.Appointment!.LocalDate)
                    .Where(d => d >= a.StartOn && d <= a.EndOn).Count()));

    /// <summary>
    /// Approved authorizations of current participants that end within two weeks, have ended, or are
    /// four-fifths used, and requests still waiting: soonest first.
    /// </summary>
    public static async Task<List<AuthorizationRow>> NeedingAttentionAsync(TrellisDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var horizon = today.AddDays(EndingSoonDays);
        var recent = today.AddDays(-EndingSoonDays);
        var current = Participants.ParticipantStatus.Admitted;
        var candidates = await Rows(db, db.Set<InsuranceAuthorization>().Where(a =>
                (a.Participant!.Status == current || a.Participant.Status == Participants.ParticipantStatus.Active || a.Participant.Status == Participants.ParticipantStatus.OnHold
                 || a.Participant.Status == Participants.ParticipantStatus.Screening || a.Participant.Status == Participants.ParticipantStatus.Waitlisted)
                && (a.Status == AuthorizationStatus.Requested || (a.Status == AuthorizationStatus.Approved && a.EndOn >= recent))))
            .ToListAsync(ct);
        // An ending authorization already followed by a later approved one needs nothing more.
        bool Renewed(AuthorizationRow a) => candidates.Any(o => o.Id != a.Id && o.ParticipantId == a.ParticipantId
            && o.Status == AuthorizationStatus.Approved && o.EndOn > a.EndOn && o.LevelOfCare == a.LevelOfCare);
        return candidates.Where(a => Reasons(a, today).Count > 0 && (a.Status != AuthorizationStatus.Approved || a.EndOn <= horizon || NearlyUsedUp(a))
                && !(a.Status == AuthorizationStatus.Approved && Renewed(a)))
            .OrderBy(a => a.EndOn).ToList();
    }
}
