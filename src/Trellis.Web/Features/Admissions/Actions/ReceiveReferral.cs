using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>
/// A referral another system sends with the person's details (a hospital's intake interface: POST /fhir/Patient): what
/// intake does by hand with "Record an inquiry" (source Referral) and "Register", in one save. A lead at Screening with
/// its chart (status Screening, in the referral's program), or no change at all: the same rules (<see cref="Pipeline"/>,
/// <see cref="Registration"/>, <see cref="SaveParticipant"/>: program of the caller's care team, no second chart for a
/// name and date of birth already on file, MRNs) and intake is told as for any new inquiry.
/// </summary>
public static class ReceiveReferral
{
    /// <param name="details">The person, with the program (<see cref="ParticipantInput.ProgramId"/>); the status is set here.</param>
    /// <param name="referredBy">Who sent it, as the lead shows it (the SMART client's registered name).</param>
    public static async Task<Result<Participant>> RunAsync(TrellisDbContext db, ParticipantInput details, string? referredBy, CancellationToken ct = default)
    {
        if (!db.Me.May(Auth.Permissions.ManageAdmissions)) return LeadRules.NotAllowed;
        details.Status = ParticipantStatus.Screening;
        // Every field's own rules and the program first: the lead is made from the details, so they must hold.
        if (await SaveParticipant.CheckAsync(db, details, null, ct) is { } invalid) return invalid;
        var lead = Pipeline.Create(db, new InquiryInput
        {
            FirstName = details.PreferredName ?? details.LegalFirstName, LastName = details.LegalLastName, Phone = details.Phone, Email = details.Email,
            PreferredContact = details.Phone is null && details.Email is not null ? ContactMethod.Email : ContactMethod.Phone,
            ProgramId = details.ProgramId, Source = InquirySource.Referral, ReferredBy = referredBy,
            // Nobody asked the person here: a referral does not say they agreed to be contacted by us.
            ConsentToContact = false,
        });
        var register = new RegisterInput { LegalFirstName = details.LegalFirstName, LegalLastName = details.LegalLastName, DateOfBirth = details.DateOfBirth, ProgramId = details.ProgramId };
        var (participant, refused) = await Registration.RegisterAsync(db, lead, register, ct, details);
        if (refused is not null) return refused;
        await Pipeline.NotifyIntakeAsync(db, lead, ct);
        await db.SaveChangesAsync(ct);
        return participant!;
    }
}
