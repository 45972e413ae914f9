using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;

namespace Trellis.Tests.Billing;

/// <summary>
/// Issue 9: a psychiatric diagnostic evaluation (CPT 90791) is an appointment kind, documented in its own note format,
/// and priced by the fee schedule's 90791 line; nothing about it is special-cased in the charge rules.
/// </summary>
public class DiagnosticEvaluationTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_diagnostic_evaluation_is_booked_documented_in_its_own_format_and_charged_as_90791()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var day = Clinic.Today.AddDays(-1);
        await using (var s = app.Db())
        {
            var willamette = await s.Context.Set<Payer>().SingleAsync(x => x.PayerId == "WMHLT");
            s.Context.Set<PayerCoverage>().Add(new PayerCoverage
            {
                ParticipantId = p.Id, PayerId = willamette.Id, Rank = CoverageRank.Primary, MemberId = "WMH20260001", Relationship = SubscriberRelationship.Self,
                EffectiveFrom = day.AddDays(-30),
            });
            await s.Context.SaveChangesAsync();
        }

        var api = await app.ApiAsync(Roles.Clinician);
        var booked = await api.PostAsJsonAsync("/api/appointments", new
        {
            participantId = p.Id, staffMemberId = clinician.Id, serviceType = "diagnostic_evaluation", date = Clinic.Today.AddDays(1), startTime = "06:00", endTime = "07:00",
            telehealthUrl = "https://meet.example.org/trellis-eval-room", weeks = 1,
        });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var appointment = (await Json.ReadAsync(booked)).AsArray()[0]!;
        Assert.Equal("diagnostic_evaluation", (string?)appointment["serviceType"]);
        var appointmentId = (string)appointment["id"]!;
        // Booked ahead (the API books today or later); the visit then happened yesterday.
        await using (var s = app.Db())
        {
            var booking = await s.Context.Appointments.SingleAsync(a => a.Id == Guid.Parse(appointmentId));
            booking.StartsAt = booking.StartsAt.AddDays(-2);
            booking.EndsAt = booking.EndsAt.AddDays(-2);
            booking.LocalDate = day;
            await s.Context.SaveChangesAsync();
        }

        var director = await app.ApiAsync(Roles.ProgramDirector);
        var roster = await director.GetAsync($"/api/appointments/{appointmentId}/attendance");
        var attended = await director.PutJsonAsync($"/api/appointments/{appointmentId}/attendance",
            new { records = new[] { new { participantId = p.Id, status = "present", minutesLate = (int?)null, minutesLeftEarly = (int?)null, note = (string?)null } }, reason = (string?)null },
            roster.Headers.ETag!.Tag);
        Assert.True(attended.IsSuccessStatusCode, await attended.Content.ReadAsStringAsync());

        var sections = new Dictionary<string, string>
        {
            ["presenting"] = "Referred by their primary care clinician after two months of low mood and missed work.",
            ["history"] = "One earlier depressive episode at 24, treated with outpatient therapy; no inpatient stays; drinks two beers a week.",
            ["mental_status"] = "Casually dressed, cooperative; speech normal; mood 'flat'; affect constricted; thought process linear; insight fair.",
            ["risk"] = "C-SSRS screen negative; no history of attempts; protective factors: their children and their work.",
            ["diagnosis"] = "F33.1 major depressive disorder, recurrent, moderate: five criteria for eight weeks, impairing work.",
            ["recommendations"] = "Intensive outpatient, three days a week, with individual therapy weekly; agreed with the participant.",
        };
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "diagnostic_evaluation", ["serviceDate"] = day.ToString("yyyy-MM-dd"), ["minutes"] = 60, ["appointmentId"] = appointmentId,
            ["sections"] = sections.Where(x => x.Key != "risk").ToDictionary(x => x.Key, x => x.Value),
        };
        var (noteId, _) = await NoteCalls.CreateAsync(api, p.Id, body);
        var draft = await Json.ReadAsync(await api.GetAsync($"/api/notes/{noteId}"));
        Assert.Equal("diagnostic_evaluation", (string?)draft["format"]);
        // An evaluation without its risk assessment is not signed.
        var missing = await Json.ProblemAsync(await NoteCalls.SignAsync(api, noteId, new { acknowledgeSimilarText = true }), 400);
        Assert.NotNull(missing["errors"]!["sections.risk"]);
        var etag = (await api.GetAsync($"/api/notes/{noteId}")).Headers.ETag!.Tag;
        body["sections"] = sections;
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/notes/{noteId}", body, etag)).StatusCode);
        var signed = await Json.ReadAsync(await NoteCalls.SignAsync(api, noteId, new { acknowledgeSimilarText = true }));
        Assert.Equal("locked", (string?)signed["status"]);

        await using (var s = app.Db())
        {
            var charge = await s.Context.Set<Charge>().Include(c => c.Lines).AsNoTracking()
                .SingleAsync(c => c.ParticipantId == p.Id && c.Status != ChargeStatus.Void);
            var line = Assert.Single(charge.Lines);
            Assert.Equal("90791", line.Code);
            Assert.Equal(180m, line.Amount);
            Assert.Equal("95", line.Modifier); // by video, as booked
            // The signed evaluation note documents it; what still holds the charge is the payer's authorization rule alone.
            Assert.Equal([HoldReasons.NoAuthorization], charge.Holds.Select(h => h.Code).ToArray());
        }
    }
}
