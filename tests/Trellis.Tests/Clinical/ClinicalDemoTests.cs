using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.CaseManagement;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Plans;
using Trellis.Web.Features.Tasks;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

/// <summary>The demo shows the clinical record in realistic use, and its group notes are written per person, never cloned.</summary>
public class ClinicalDemoTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task The_demo_has_every_kind_of_clinical_record()
    {
        await using var s = app.Db();
        var db = s.Context;
        Assert.True(await db.Set<TreatmentPlan>().CountAsync(t => t.ClinicianSignedAt != null && t.ParticipantSignedAt != null) >= 10);
        Assert.True(await db.Set<TreatmentPlan>().AnyAsync(t => t.Number > 1));
        Assert.True(await db.Set<PlanReview>().AnyAsync());
        foreach (var kind in Enum.GetValues<NoteKind>())
            Assert.True(await db.Set<ClinicalNote>().AnyAsync(n => n.Kind == kind && n.Status != NoteStatus.Draft), $"signed {kind}");
        Assert.True(await db.Set<ClinicalNote>().AnyAsync(n => n.Status == NoteStatus.Draft));
        Assert.True(await db.Set<GroupNote>().AnyAsync(g => g.Status == NoteStatus.Draft));
        Assert.True(await db.Set<ClinicalNote>().AnyAsync(n => n.IsLateEntry));
        Assert.True(await db.Set<NoteAddendum>().AnyAsync());
        Assert.True(await db.Set<ClinicalNote>().AnyAsync(n => n.Status == NoteStatus.AwaitingCosignature));
        Assert.True(await db.Set<SafetyPlan>().AnyAsync(p => p.IsComplete));
        Assert.True(await db.Set<RelapsePreventionPlan>().AnyAsync(p => p.IsComplete));
        Assert.True(await db.Tasks.AnyAsync(t => t.Kind == CareTaskKinds.CompleteSafetyPlan && t.Status == CareTaskStatus.Open));
        Assert.True(await db.Set<Medication>().AnyAsync() && await db.Set<Allergy>().AnyAsync());
        Assert.True(await db.Set<MedicationReconciliation>().AnyAsync(r => r.Kind == ReconciliationKind.Admission));
        var tests = await db.Set<DrugTest>().ToListAsync();
        Assert.Contains(tests, t => t.HasUnexpected);
        Assert.Contains(tests, t => t.Results.Any(r => r.Prescribed && r.Result == DrugResult.Positive));
        Assert.True(await db.Set<NeedsAssessment>().AnyAsync());
        Assert.True(await db.Set<Referral>().AnyAsync(r => r.Status == ReferralStatus.Connected));
        Assert.True(await db.Set<Referral>().AnyAsync(r => r.Status == ReferralStatus.Made || r.Status == ReferralStatus.Scheduled));
        var resources = await db.Set<CommunityResource>().ToListAsync();
        Assert.True(resources.Count >= 10);
        Assert.All(resources, r => Assert.Contains("555-01", r.Phone));
        var discharges = await db.Set<ParticipantDischarge>().Where(d => d.IsFinal).ToListAsync();
        Assert.True(discharges.Count(d => d.Scores.Count > 0 && d.Goals.Count > 0) >= 2);
    }

    [Fact]
    public async Task Demo_group_notes_give_each_attendee_their_own_words()
    {
        await using var s = app.Db();
        var notes = await s.Context.Set<GroupNote>().Include(g => g.Parts).ToListAsync();
        Assert.NotEmpty(notes);
        var names = await s.Context.Participants.Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName }).ToListAsync();
        foreach (var note in notes)
        {
            var attendees = names.Where(n => note.Parts.Any(p => p.ParticipantId == n.Id)).SelectMany(n => new[] { n.LegalFirstName, n.LegalLastName, n.PreferredName ?? "" }).ToList();
            for (var i = 0; i < note.Parts.Count; i++)
                for (var j = i + 1; j < note.Parts.Count; j++)
                {
                    var similarity = TextSimilarity.Similarity(NoteFormats.FullText(NoteFormat.GroupPart, note.Parts[i].Sections), NoteFormats.FullText(NoteFormat.GroupPart, note.Parts[j].Sections), attendees);
                    Assert.False(TextSimilarity.IsCloned(similarity), $"{note.Topic} on {note.ServiceDate}: parts {i} and {j} are {similarity:P0} alike");
                }
        }
    }
}
