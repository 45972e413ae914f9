using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Fhir;
using Trellis.Web.Features.Fhir.Resources;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Portal.Documents;
using static Trellis.Tests.Fhir.FhirTesting;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Issue 12: the directory (Practitioner, PractitionerRole, Organization, Location, HealthcareService) and the chart
/// types read from several records (CareTeam, Appointment, Consent, DocumentReference), their parameters and
/// includes, vread of the current version, and _revinclude.
/// </summary>
public class FhirResourceTypesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Practitioners_carry_their_NPI_and_their_role_names_the_programs()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        RenderingProvider provider;
        List<Guid> programs;
        string lastName;
        await using (var s = app.Db())
        {
            provider = await s.Context.Set<RenderingProvider>().OrderBy(r => r.Npi).FirstAsync();
            programs = await s.Context.StaffProgramAssignments.Where(a => a.StaffMemberId == provider.StaffMemberId).Select(a => a.ProgramId).ToListAsync();
            lastName = (await s.Context.Staff.SingleAsync(m => m.Id == provider.StaffMemberId)).LastName;
        }
        var byNpi = await AllAsync(admin, $"/fhir/Practitioner?identifier={Uri.EscapeDataString($"{PractitionerType.NpiSystem}|{provider.Npi}")}");
        var practitioner = Assert.IsType<Practitioner>(Assert.Single(byNpi));
        Assert.Equal(provider.StaffMemberId.ToString(), practitioner.Id);
        Assert.Contains(practitioner.Identifier, i => i.System == PractitionerType.NpiSystem && i.Value == provider.Npi);
        Assert.Equal(lastName, practitioner.Name[0].Family);
        Assert.Empty(await AllAsync(admin, $"/fhir/Practitioner?identifier={Uri.EscapeDataString("urn:other|" + provider.Npi)}"));

        var role = await ReadAsync<PractitionerRole>(await admin.GetAsync($"/fhir/PractitionerRole/{provider.StaffMemberId}"));
        Assert.Equal($"Practitioner/{provider.StaffMemberId}", role.Practitioner!.Reference);
        Assert.Equal(provider.Taxonomy, role.Specialty.Single().Coding.Single().Code);
        Assert.Equal(programs.Select(p => $"HealthcareService/{p}").Order(), role.HealthcareService.Select(h => h.Reference).Order());

        var withPractitioner = await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/PractitionerRole?practitioner=Practitioner/{provider.StaffMemberId}&_include=PractitionerRole:practitioner"));
        Assert.Equal(1, withPractitioner.Total);
        Assert.Equal(practitioner.Id, Assert.Single(withPractitioner.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Resource!.Id);
        var reverse = await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/Practitioner?_id={provider.StaffMemberId}&_revinclude=PractitionerRole:practitioner"));
        Assert.IsType<PractitionerRole>(Assert.Single(reverse.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Resource);

        // The directory is read by every role, a participant's app and billing included.
        foreach (var role2 in new[] { Roles.Participant, Roles.Billing, Roles.IntakeCoordinator })
            await ReadAsync<Practitioner>(await (await app.ApiAsync(role2)).GetAsync($"/fhir/Practitioner/{provider.StaffMemberId}"));
    }

    [Fact]
    public async Task The_clinic_and_payers_are_organizations_programs_are_services_and_rooms_are_locations()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        string npi;
        int payers, rooms;
        await using (var s = app.Db())
        {
            npi = (await s.Context.Set<BillingIdentity>().SingleAsync()).Npi;
            payers = await s.Context.Set<Payer>().CountAsync(p => p.Kind != PayerKind.SelfPay);
            rooms = await s.Context.Rooms.CountAsync();
        }
        var clinic = Assert.IsType<Organization>(Assert.Single(await AllAsync(admin, "/fhir/Organization?type=prov")));
        Assert.Contains(clinic.Identifier, i => i.System == PractitionerType.NpiSystem && i.Value == npi);
        var payerOrganizations = await AllAsync(admin, "/fhir/Organization?type=pay&_count=100");
        Assert.Equal(payers, payerOrganizations.Count);
        var all = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Organization?_summary=count"));
        Assert.Equal(payers + 1, all.Total);
        // Paging across the clinic and the payers: every page's matches are distinct and together they are all.
        var paged = await AllAsync(admin, "/fhir/Organization?_count=2");
        Assert.Equal(payers + 1, paged.Select(r => r.Id).Distinct().Count());
        await ReadAsync<Organization>(await admin.GetAsync($"/fhir/Organization/{payerOrganizations[0].Id}"));

        var locations = await AllAsync(admin, "/fhir/Location?_count=100");
        Assert.Equal(rooms, locations.Count);
        Assert.All(locations.Cast<Location>(), l => Assert.Equal($"Organization/{clinic.Id}", l.ManagingOrganization!.Reference));

        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var substanceUse = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var part2 = await ReadAsync<HealthcareService>(await admin.GetAsync($"/fhir/HealthcareService/{substanceUse}"));
        Assert.True(FhirSecurity.IsPart2(part2));
        Assert.NotEmpty(part2.AvailableTime);
        var clinician = await app.ApiAsync(Roles.Clinician); // Adult Mental Health only
        Assert.Equal([mentalHealth.ToString()], (await AllAsync(clinician, "/fhir/HealthcareService")).Select(r => r.Id));
        await OutcomeAsync(await clinician.GetAsync($"/fhir/HealthcareService/{substanceUse}"), 404);
        var participant = await app.ApiAsync(Roles.Participant);
        var own = Assert.Single(await AllAsync(participant, "/fhir/HealthcareService"));
        Assert.Equal(mentalHealth.ToString(), own.Id);
    }

    [Fact]
    public async Task A_care_team_names_the_charts_clinicians_and_includes_them()
    {
        Participant someone;
        await using (var s = app.Db())
            someone = await s.Context.Participants.Where(p => p.PrimaryClinicianId != null && p.PrescriberId != null && p.Program!.Name == Demo.MentalHealth).OrderBy(p => p.Id).FirstAsync();
        var clinician = await app.ApiAsync(Roles.Clinician);
        var team = await ReadAsync<CareTeam>(await clinician.GetAsync($"/fhir/CareTeam/{someone.Id}"));
        Assert.Equal($"Patient/{someone.Id}", team.Subject!.Reference);
        Assert.Contains(team.Participant, p => p.Member!.Reference == $"Practitioner/{someone.PrimaryClinicianId}" && p.Role[0].Text == "Primary clinician");
        Assert.Contains(team.Participant, p => p.Member!.Reference == $"Practitioner/{someone.PrescriberId}" && p.Role[0].Text == "Prescriber");
        var bundle = await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/CareTeam?patient={someone.Id}&_include=CareTeam:participant&_include=CareTeam:patient"));
        var included = bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => $"{e.Resource!.TypeName}/{e.Resource.Id}").ToList();
        Assert.Contains($"Practitioner/{someone.PrimaryClinicianId}", included);
        Assert.Contains($"Patient/{someone.Id}", included);
        var theirs = await AllAsync(clinician, $"/fhir/CareTeam?participant=Practitioner/{someone.PrimaryClinicianId}&_count=100");
        Assert.Contains(theirs, t => t.Id == someone.Id.ToString());
        Assert.All(theirs.Cast<CareTeam>(), t => Assert.Contains(t.Participant, p => p.Member!.Reference == $"Practitioner/{someone.PrimaryClinicianId}"));
    }

    [Fact]
    public async Task Appointments_are_a_participants_own_and_their_tracks_group_sessions()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var participant = await app.ApiAsync(Roles.Participant);
        var self = Assert.Single((await ReadAsync<Bundle>(await participant.GetAsync("/fhir/Patient"))).Entry).Resource!;
        var mine = await AllAsync(participant, "/fhir/Appointment?_count=100");
        Assert.NotEmpty(mine);
        var programId = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        foreach (var appointment in mine.Cast<Appointment>())
        {
            var patients = appointment.Participant.Select(p => p.Actor!.Reference!).Where(r => r.StartsWith("Patient/")).ToList();
            // An individual appointment names its participant; a group session names the program and never who else is in it.
            if (patients.Count > 0) Assert.Equal([$"Patient/{self.Id}"], patients);
            else Assert.Contains(appointment.Participant, p => p.Actor!.Reference == $"HealthcareService/{programId}");
        }
        Assert.Contains(mine.Cast<Appointment>(), a => a.Participant.All(p => !p.Actor!.Reference!.StartsWith("Patient/")));
        var adminsCount = await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/Appointment?patient={self.Id}&_summary=count"));
        Assert.Equal(mine.Count, adminsCount.Total);

        // Someone else's individual appointment is not there for the participant, nor a Part 2 program's session for the clinician.
        var other = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        Guid othersAppointment, part2Session;
        await using (var s = app.Db())
        {
            othersAppointment = await s.Context.Appointments.Where(a => a.ParticipantId != Guid.Parse(self.Id!)).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            part2Session = await s.Context.GroupSessions.Where(g => g.Program!.Name == Demo.SubstanceUse).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync();
        }
        await OutcomeAsync(await participant.GetAsync($"/fhir/Appointment/{othersAppointment}"), 404);
        await ReadAsync<Appointment>(await admin.GetAsync($"/fhir/Appointment/{othersAppointment}"));
        var clinician = await app.ApiAsync(Roles.Clinician);
        await OutcomeAsync(await clinician.GetAsync($"/fhir/Appointment/{part2Session}"), 404);
        Assert.Equal(0, (await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Appointment?_id={part2Session}"))).Total);

        var cancelled = await AllAsync(admin, "/fhir/Appointment?status=cancelled&_count=100");
        Assert.All(cancelled.Cast<Appointment>(), a => Assert.Equal(Appointment.AppointmentStatus.Cancelled, a.Status));
        Assert.Equal(0, (await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Appointment?date=gt2999-01-01&_summary=count"))).Total);
        var withPatients = await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/Appointment?patient={other.Id}&_include=Appointment:patient&_count=100"));
        Assert.All(withPatients.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include), e => Assert.Equal(other.Id.ToString(), e.Resource!.Id));
    }

    [Fact]
    public async Task Consents_say_their_kind_policy_and_status()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var part2 = await AllAsync(admin, $"/fhir/Consent?category={Uri.EscapeDataString(FhirSecurity.ActCode + "|" + FhirSecurity.Part2)}&_count=100");
        Assert.NotEmpty(part2);
        Assert.All(part2.Cast<Consent>(), c => Assert.Equal(FhirSecurity.Part2, c.PolicyRule!.Coding[0].Code));
        Assert.All(part2, c => Assert.True(FhirSecurity.IsPart2(c)));
        var total = (await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Consent?_summary=count"))).Total;
        var active = (await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Consent?status=active&_summary=count"))).Total;
        var inactive = (await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Consent?status=inactive&_summary=count"))).Total;
        Assert.Equal(total, active + inactive);
        Assert.Equal(total, (await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Consent?category=59284-0&_summary=count"))).Total);

        DisclosureConsent consent;
        await using (var s = app.Db()) consent = await s.Context.Set<DisclosureConsent>().OrderBy(c => c.Id).FirstAsync();
        var read = await ReadAsync<Consent>(await admin.GetAsync($"/fhir/Consent/{consent.Id}"));
        var form = Encoding.UTF8.GetString(((Attachment)read.Source!).Data!);
        Assert.Contains(consent.Recipient, form);
        Assert.Contains(consent.Purpose, form);
        Assert.Equal(consent.Recipient, read.Provision!.Actor.Single().Reference!.Display);
    }

    [Fact]
    public async Task Documents_are_signed_notes_for_clinicians_and_their_own_papers_for_a_participant()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        ClinicalNote note;
        await using (var s = app.Db())
            note = await s.Context.Set<ClinicalNote>().Where(n => n.Status == NoteStatus.Locked && n.Participant!.Program!.Name == Demo.MentalHealth && n.SignedAt != null).OrderBy(n => n.Id).FirstAsync();
        var document = await ReadAsync<DocumentReference>(await clinician.GetAsync($"/fhir/DocumentReference/{note.Id}"));
        Assert.Equal(DocumentReferenceType.ProgressNote, document.Type!.Coding[0].Code);
        var text = Encoding.UTF8.GetString(document.Content[0].Attachment!.Data!);
        Assert.Contains(note.Sections.Values.First(v => v.Length > 0), text);
        var notes = await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/DocumentReference?patient={note.ParticipantId}&type={DocumentReferenceType.ProgressNote}&_count=100"));
        Assert.Contains(notes.Entry, e => e.Resource!.Id == note.Id.ToString());
        Assert.All(notes.Entry, e => Assert.Equal(DocumentReferenceType.ProgressNote, ((DocumentReference)e.Resource!).Type!.Coding[0].Code));

        // The demo signs no portal documents: the participant signs one here (with the PDF Chromium would print).
        var participant = await app.ApiAsync(Roles.Participant);
        var self = Guid.Parse(Assert.Single((await ReadAsync<Bundle>(await participant.GetAsync("/fhir/Patient"))).Entry).Resource!.Id!);
        var signed = new SignedDocument
        {
            ParticipantId = self, TemplateKey = "privacy-notice", TemplateVersion = 99, Title = "Notice of privacy practices", Text = "We keep your records private.",
            TextSha256 = IntakePacket.Hash("We keep your records private."), TypedName = "Sherwood Block", Pdf = [37, 80, 68, 70],
        };
        await using (var s = app.Db())
        {
            signed.SignedAt = s.Context.Now;
            s.Context.Add(signed);
            await s.Context.SaveChangesAsync();
        }

        // Intake reads the papers a participant signed, never a note; nor does the participant.
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        await OutcomeAsync(await intake.GetAsync($"/fhir/DocumentReference/{note.Id}"), 404);
        var papers = await AllAsync(intake, "/fhir/DocumentReference?_count=100");
        Assert.Contains(papers, d => d.Id == signed.Id.ToString());
        Assert.All(papers.Cast<DocumentReference>(), d => Assert.Equal(DocumentReferenceType.PatientConsent, d.Type!.Coding[0].Code));
        var own = await AllAsync(participant, "/fhir/DocumentReference?_count=100");
        Assert.Contains(own, d => d.Id == signed.Id.ToString());
        Assert.All(own.Cast<DocumentReference>(), d => Assert.NotEqual(DocumentReferenceType.ProgressNote, d.Type!.Coding[0].Code));
        await OutcomeAsync(await participant.GetAsync($"/fhir/DocumentReference/{note.Id}"), 404);

        // The signed text, and the signed PDF as a second attachment at the chart's PDF address (which serves it).
        var paper = await ReadAsync<DocumentReference>(await participant.GetAsync($"/fhir/DocumentReference/{signed.Id}"));
        Assert.Contains("We keep your records private.", Encoding.UTF8.GetString(paper.Content[0].Attachment!.Data!));
        var pdf = paper.Content[1].Attachment!;
        Assert.Equal("application/pdf", pdf.ContentType);
        var served = await participant.GetAsync(new Uri(pdf.Url!).PathAndQuery);
        Assert.Equal([37, 80, 68, 70], await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Vread_serves_the_current_version_and_says_an_earlier_one_is_gone()
    {
        var participant = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var current = await ReadAsync<Patient>(await clinician.GetAsync($"/fhir/Patient/{participant.Id}/_history/{participant.Version}"));
        Assert.Equal(participant.Version.ToString(), current.Meta!.VersionId);
        await using (var s = app.Db())
        {
            var row = await s.Context.Participants.SingleAsync(p => p.Id == participant.Id);
            row.Pronouns = row.Pronouns == "they/them" ? "she/her" : "they/them";
            await s.Context.SaveChangesAsync();
        }
        var now = participant.Version + 1;
        await ReadAsync<Patient>(await clinician.GetAsync($"/fhir/Patient/{participant.Id}/_history/{now}"));
        var gone = await OutcomeAsync(await clinician.GetAsync($"/fhir/Patient/{participant.Id}/_history/{participant.Version}"), 410);
        Assert.Contains($"_history/{now}", gone.Issue[0].Diagnostics);
        await OutcomeAsync(await clinician.GetAsync($"/fhir/Patient/{participant.Id}/_history/{now + 1}"), 404);
        await OutcomeAsync(await clinician.GetAsync($"/fhir/Patient/{participant.Id}/_history/abc"), 404);
        await OutcomeAsync(await clinician.GetAsync("/fhir/Questionnaire/phq-9/_history/1"), 404);
        // Out of scope is the same 404 as nowhere, whatever the version asked for.
        var part2 = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        await OutcomeAsync(await clinician.GetAsync($"/fhir/Patient/{part2.Id}/_history/{part2.Version}"), 404);
        await using var db = app.Db();
        Assert.True(await db.Context.AuditEntries.AnyAsync(a => a.RecordId == participant.Id.ToString() && a.Detail == "FHIR vread"));
    }

    [Fact]
    public async Task Revinclude_brings_a_patients_episodes_scores_and_diagnoses_within_scope()
    {
        var participant = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var bundle = await ReadAsync<Bundle>(await clinician.GetAsync(
            $"/fhir/Patient?_id={participant.Id}&_revinclude=EpisodeOfCare:patient&_revinclude=Observation:patient&_revinclude=Condition:patient"));
        Assert.Equal(participant.Id.ToString(), Assert.Single(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Resource!.Id);
        var included = bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource!).ToList();
        foreach (var type in new[] { "EpisodeOfCare", "Observation", "Condition" })
        {
            var expected = (await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/{type}?patient={participant.Id}&_summary=count"))).Total;
            Assert.Equal(expected, included.Count(r => r.TypeName == type));
        }
        Assert.Contains(included, r => r is EpisodeOfCare);
        Assert.All(included, r => Assert.Equal(participant.Id.ToString(), FhirScopeTests.OwnerOf(r)));
        await using (var s = app.Db())
        {
            var audited = await s.Context.AuditEntries.Where(a => a.ParticipantId == participant.Id && a.Detail == "FHIR search" && a.RecordType == "Enrollment").CountAsync();
            Assert.True(audited >= included.Count(r => r is EpisodeOfCare));
        }

        // A revinclude through the scope: a clinician's bundle holds no Part 2 record, a participant's nobody else's.
        var wide = await ReadAsync<Bundle>(await clinician.GetAsync("/fhir/Patient?_count=30&_revinclude=Condition:patient"));
        Assert.All(wide.Entry, e => Assert.False(FhirSecurity.IsPart2(e.Resource!)));
        var self = await app.ApiAsync(Roles.Participant);
        var own = await ReadAsync<Bundle>(await self.GetAsync("/fhir/Patient?_revinclude=EpisodeOfCare:patient&_revinclude=Condition:patient"));
        var me = Assert.Single(own.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Resource!.Id;
        // Condition is clinical staff's: a participant's revinclude of it brings nothing, as their search of it is refused.
        Assert.DoesNotContain(own.Entry, e => e.Resource is Condition);
        Assert.All(own.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include), e => Assert.Equal(me, FhirScopeTests.OwnerOf(e.Resource!)));

        var strict = new HttpRequestMessage(HttpMethod.Get, "/fhir/Patient?_revinclude=Flag:author");
        strict.Headers.Add("Prefer", "handling=strict");
        await OutcomeAsync(await clinician.SendAsync(strict), 400);
    }
}

/// <summary>Coverage: billing's, scoped like everything else (a billing specialist of one program reads that program's coverage only).</summary>
public class FhirCoverageTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Billing_reads_coverage_of_its_programs_with_the_payer_and_a_participant_does_not()
    {
        var substanceUse = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        await using (var s = app.Db())
        {
            // The demo's billing specialist works for both programs; here, for Adult Mental Health only (before signing in).
            var billingStaff = await s.Context.Staff.SingleAsync(m => m.Email == Web.Features.Demo.DemoSeeder.EmailFor(Roles.Billing));
            s.Context.StaffProgramAssignments.RemoveRange(s.Context.StaffProgramAssignments.Where(a => a.StaffMemberId == billingStaff.Id && a.ProgramId == substanceUse));
            await s.Context.SaveChangesAsync();
        }
        var admin = await app.ApiAsync(Roles.Administrator);
        var billing = await app.ApiAsync(Roles.Billing);
        var all = await AllAsync(billing, "/fhir/Coverage?_count=100&_include=Coverage:payor");
        Assert.NotEmpty(all);
        Assert.All(all, c => Assert.False(FhirSecurity.IsPart2(c)));
        var bundle = await ReadAsync<Bundle>(await billing.GetAsync("/fhir/Coverage?_count=100&_include=Coverage:payor"));
        var payors = bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).SelectMany(e => ((Coverage)e.Resource!).Payor).Select(p => p.Reference!).ToList();
        var organizations = bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => $"Organization/{e.Resource!.Id}").ToHashSet();
        Assert.All(payors.Where(p => p.StartsWith("Organization/")), p => Assert.Contains(p, organizations));
        var onePayer = payors.First(p => p.StartsWith("Organization/"));
        var byPayer = await AllAsync(billing, $"/fhir/Coverage?payor={onePayer}&_count=100");
        Assert.NotEmpty(byPayer);
        Assert.All(byPayer.Cast<Coverage>(), c => Assert.Equal(onePayer, c.Payor.Single().Reference));

        var part2 = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        var theirs = Assert.IsType<Coverage>((await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/Coverage?patient={part2.Id}&_count=1"))).Entry.First().Resource);
        Assert.True(FhirSecurity.IsPart2(theirs));
        await OutcomeAsync(await billing.GetAsync($"/fhir/Coverage/{theirs.Id}"), 404);
        Assert.Equal(0, (await ReadAsync<Bundle>(await billing.GetAsync($"/fhir/Coverage?patient={part2.Id}&_summary=count"))).Total);

        var participant = await app.ApiAsync(Roles.Participant);
        await OutcomeAsync(await participant.GetAsync("/fhir/Coverage"), 403);
        var clinician = await app.ApiAsync(Roles.Clinician);
        await OutcomeAsync(await clinician.GetAsync($"/fhir/Coverage/{theirs.Id}"), 403);
    }
}
