using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Reminders.Actions;

/// <summary>
/// A participant chooses which reminders they get and how (email or text). Only the participant themself; text needs
/// a phone number on file and email an address. The first save needs no version, later ones name it (If-Match; 412
/// when stale). PUT /api/me/reminder-preferences and the page /my/reminders call it.
/// </summary>
public static class SetReminderPreferences
{
    public static async Task<Result<ReminderPreferences>> RunAsync(TrellisDbContext db, ReminderPreferencesInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (db.Me.ParticipantId is not { } pid) return Refusal.Forbidden("Reminders are chosen by the participant in the portal.");
        if (await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) is not { } participant) return Refusal.NotFound("participant");
        var row = await db.Set<ReminderPreferences>().FirstOrDefaultAsync(r => r.ParticipantId == pid, ct);
        var current = row?.Version ?? 0;
        if ((row is not null || expected.Version is not null || expected.Malformed) && expected.Check(current) is { } stale) return stale;
        if (Validation.Check(input) is { } invalid) return invalid;
        if (input.Channel == ReminderChannel.Sms && string.IsNullOrWhiteSpace(participant.Phone))
            return Refusal.Invalid("channel", "Your care team has no mobile number for you. Choose email, or ask them to add your number.");
        if (input.Channel == ReminderChannel.Email && string.IsNullOrWhiteSpace(participant.Email))
            return Refusal.Invalid("channel", "Your care team has no email address for you. Choose text messages, or ask them to add your address.");
        if (row is null) db.Set<ReminderPreferences>().Add(row = ReminderPreferences.Default(participant));
        row.Channel = input.Channel!.Value;
        row.Sessions = input.Sessions!.Value;
        row.Appointments = input.Appointments!.Value;
        row.MissedSessions = input.MissedSessions!.Value;
        row.Measures = input.Measures!.Value;
        row.Documents = input.Documents!.Value;
        try
        {
            if (await Concurrency.SaveIfUnchangedAsync(db, row, current, ct: ct)) return row;
        }
        catch (DbUpdateException) { }
        db.ChangeTracker.Clear();
        return Refusal.Stale(await db.Set<ReminderPreferences>().AsNoTracking().Where(r => r.ParticipantId == pid).Select(r => (long?)r.Version).FirstOrDefaultAsync(ct) ?? 0);
    }

    /// <summary>The participant's choices as saved, or the defaults (version 0).</summary>
    public static async Task<(ReminderPreferences Prefs, Participants.Participant Participant)?> CurrentAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        if (db.Me.ParticipantId is not { } pid || await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) is not { } participant) return null;
        var row = await db.Set<ReminderPreferences>().AsNoTracking().FirstOrDefaultAsync(r => r.ParticipantId == pid, ct);
        return (row ?? ReminderPreferences.Default(participant), participant);
    }
}
