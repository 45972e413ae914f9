using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Risk;

/// <summary>
/// Raising and clearing risk flags. Changes are added to the context and the caller saves, so a
/// flag, its notifications and its task are written in the same transaction as what raised them.
/// </summary>
public static class RiskFlags
{
    public const string NotificationKind = "risk_flag";

    public static Task<List<RiskFlag>> OpenAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<RiskFlag>().Where(f => f.ParticipantId == participantId && f.ClearedAt == null).OrderByDescending(f => f.RaisedAt).ToListAsync(ct);

    /// <summary>
    /// A sign of suicide risk: opens a flag (or adds the sign to the one already open), tells the
    /// participant's clinician and the program's directors at once, and asks the clinician for a
    /// safety plan unless that task is already open.
    /// </summary>
    public static async Task<RiskFlag> RaiseSuicideRiskAsync(TrellisDbContext db, Participant participant, string reason, string? severity,
        string? sourceType, Guid? sourceId, CancellationToken ct = default)
    {
        var open = (await OpenAsync(db, participant.Id, ct)).FirstOrDefault(f => f.Kind == RiskFlagKinds.SuicideRisk);
        var link = $"/participants/{participant.Id}/measures";
        var recipients = new List<Guid?> { participant.PrimaryClinicianId };
        recipients.AddRange(await Notifier.ProgramDirectorsAsync(db, participant.ProgramId, ct));
        RiskFlag flag;
        if (open is null)
        {
            flag = new RiskFlag
            {
                ParticipantId = participant.Id, Kind = RiskFlagKinds.SuicideRisk, Reason = Cut(reason, 1000), Severity = severity,
                SourceType = sourceType, SourceId = sourceId, RaisedAt = db.Now, RaisedBy = db.Me.DisplayName,
            };
            db.Set<RiskFlag>().Add(flag);
            Notifier.Notify(db, recipients, NotificationKind, $"Suicide risk flagged for {participant.DisplayName}",
                $"{reason} Assess suicide risk today and complete a safety plan.", link, participant.Id, urgent: true);
        }
        else
        {
            flag = open;
            flag.SignsSinceRaised++;
            flag.LastSignAt = db.Now;
            Notifier.Notify(db, recipients, NotificationKind, $"New sign of suicide risk for {participant.DisplayName}",
                $"{reason} A suicide-risk flag raised {ProgramClock.Show(flag.RaisedAt, participant.Program?.TimeZoneId, "MMM d")} is still open.", link, participant.Id, urgent: true);
        }

        if ((await CareTasks.OpenAsync(db, participant.Id, CareTaskKinds.CompleteSafetyPlan, ct)).Count == 0)
            CareTasks.Raise(db, participant.Id, CareTaskKinds.CompleteSafetyPlan, $"Complete a safety plan with {participant.DisplayName}",
                await ProgramClock.ClinicTodayAsync(db, ct), participant.PrimaryClinicianId,
                participant.PrimaryClinicianId is null ? Auth.Roles.Clinician : null,
                $"{reason} Assess suicide risk today and complete a Stanley–Brown safety plan with the participant.",
                nameof(RiskFlag), flag.Id);
        return flag;
    }

    /// <summary>Clears an open flag in the name of whoever the context acts for; <see cref="Actions.ClearRiskFlag"/> checks who may.</summary>
    public static void Clear(TrellisDbContext db, RiskFlag flag, string reason)
    {
        flag.ClearedAt = db.Now;
        flag.ClearedByStaffId = db.Me.StaffId;
        flag.ClearedByName = db.Me.DisplayName;
        flag.ClearReason = reason.Trim();
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
