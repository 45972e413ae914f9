using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Messages.Demo;

/// <summary>
/// A few threads, so that the team inbox of a fresh demo shows what the care team's day with messages looks like: one
/// answered and assigned to the demo clinician with the participant's thanks still unread, one new question nobody has
/// opened, one the clinician began. The demo participant's own thread stays empty (the portal shows how to start one).
/// Fictional people and words only.
/// </summary>
public sealed class MessagesDemo : IDemoData
{
    public int Order => 450;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var db = demo.Db;
        var clinician = demo.DemoStaff[Roles.Clinician];
        var others = demo.Participants.Where(p => p.Id != demo.DemoParticipant.Id && p.Status == ParticipantStatus.Active).ToList();
        // The demo clinician's own caseload first, so "Assigned to me" and the badge mean something when signed in as them.
        var people = others.OrderByDescending(p => p.PrimaryClinicianId == clinician.Id).ThenBy(p => p.Mrn).Take(3).ToList();
        if (people.Count < 3) return;
        var now = db.Now;
        var staffName = $"{clinician.FirstName} {clinician.LastName}";

        void Say(Participant p, bool fromParticipant, string body, TimeSpan ago, bool read) =>
            db.Set<SecureMessage>().Add(new SecureMessage
            {
                ParticipantId = p.Id, FromParticipant = fromParticipant, AuthorStaffId = fromParticipant ? null : clinician.Id,
                AuthorName = fromParticipant ? p.DisplayName : staffName, Body = body, SentAt = now - ago, ReadAt = read ? now - ago + TimeSpan.FromHours(1) : null,
            });

        var (shift, parking, homework) = (people[0], people[1], people[2]);
        Say(shift, true, "Hi, I picked up an extra shift on Thursday morning. Could I come to the afternoon group instead this week?", TimeSpan.FromDays(2), read: true);
        Say(shift, false, "Thanks for letting us know ahead of time. Yes, join the 1 pm process group on Thursday; I've told the group leader.", TimeSpan.FromDays(1.8), read: true);
        Say(shift, true, "Thank you! See you Thursday at 1.", TimeSpan.FromHours(3), read: false);
        db.Set<MessageThread>().Add(new MessageThread { ParticipantId = shift.Id, AssignedStaffId = clinician.Id, AssignedAt = now - TimeSpan.FromDays(1.9), AssignedByStaffId = clinician.Id });

        Say(parking, true, "Is there parking near the building? I'll be driving myself starting Monday.", TimeSpan.FromHours(20), read: false);

        Say(homework, false, "A reminder to bring your completed thought record to group on Wednesday. It's fine if it's only partly done.", TimeSpan.FromDays(3), read: true);
        Say(homework, true, "Will do. I filled in two days so far.", TimeSpan.FromDays(2.5), read: true);
        await db.SaveChangesAsync(ct);
    }
}
