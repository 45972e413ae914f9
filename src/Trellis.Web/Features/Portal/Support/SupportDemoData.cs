using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;

namespace Trellis.Web.Features.Portal.Support;

/// <summary>The demo support person (supportperson@demo.trellis.test): the demo participant's sister, under an active consent.</summary>
public sealed class SupportDemoData(UserManager<TrellisUser> users) : IDemoData
{
    public int Order => 900;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var p = demo.DemoParticipant;
        var program = p.ProgramId == demo.SubstanceUse.Id ? demo.SubstanceUse : demo.MentalHealth;
        var email = DemoSeeder.EmailFor(Roles.SupportPerson);
        var user = new TrellisUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Robin Ashdown", CreatedAt = demo.Db.Now };
        user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoSeeder.Password);
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.SupportPerson));
        var consent = new DisclosureConsent
        {
            ParticipantId = p.Id, Kind = program.IsPart2 ? ConsentKind.Part2 : ConsentKind.Release, PatientName = p.LegalName, DisclosingParty = program.Name,
            Information = "Only the dates, times and places of my family sessions and general information about the program (its name, description and the clinic's phone number). No clinical notes, treatment plans, diagnoses, questionnaires, check-ins, attendance or messages.",
            Recipient = $"Robin Ashdown (sister), {email}", Purpose = "So that my support person can take part in and support my treatment.",
            ExpiresOnEvent = "Discharge from the program", RightToRevokeExplained = true, RedisclosureNoticeGiven = true,
            SignedBy = p.LegalName, SignedOn = demo.Today.AddDays(-3),
        };
        demo.Db.Set<DisclosureConsent>().Add(consent);
        demo.Db.Set<SupportPerson>().Add(new SupportPerson
        {
            ParticipantId = p.Id, Name = "Robin Ashdown", Email = email, Relationship = "sister", SeesFamilySessions = true, SeesProgramInformation = true,
            ConsentId = consent.Id, UserId = user.Id, InvitedAt = demo.Db.Now.AddDays(-3), InvitedBy = p.DisplayName,
        });
        await demo.Db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Demo data: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
