using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Staff;

namespace Trellis.Tests.Clinical;

/// <summary>Arranging clinical records for tests: participants of the demo clinic, sessions and attendance made directly.</summary>
public static class Clinic
{
    /// <summary>
    /// Today in the demo programs' time zone (America/Los_Angeles, DemoSeeder), the day the clinical
    /// record and tasks judge dates by ("not in the future", the default service date, overdue). In a Pacific evening
    /// UTC is already tomorrow, so a test that used the UTC date would fail from 16:00 to midnight there.
    /// </summary>
    public static DateOnly Today => ProgramClock.Today(DateTimeOffset.UtcNow, "America/Los_Angeles");

    /// <summary>The demo programs' calendar day of an instant: what a session's LocalDate holds.</summary>
    public static DateOnly LocalDate(DateTimeOffset at) => ProgramClock.LocalDate(at, ProgramClock.Zone("America/Los_Angeles"));

    /// <summary>An active Adult Mental Health participant (the demo clinician's program) with no clinical record yet of the kind a test writes.</summary>
    public static async Task<Participant> FreshParticipantAsync(TrellisFactory app, string program = Demo.MentalHealth, string? last = null)
    {
        await using var s = app.Db();
        var db = s.Context;
        var prog = await db.Programs.SingleAsync(p => p.Name == program);
        var clinician = await StaffAsync(app, "clinician");
        var p = new Participant
        {
            Mrn = "TT" + Random.Shared.Next(100000, 999999), LegalFirstName = "Test", LegalLastName = last ?? ("Person" + Random.Shared.Next(1000, 9999)),
            PreferredName = null, DateOfBirth = new DateOnly(1988, 3, 14), Status = ParticipantStatus.Active, ProgramId = prog.Id,
            AdmittedOn = Today.AddDays(-20), PrimaryClinicianId = prog.Name == Demo.MentalHealth ? clinician.Id : null,
        };
        p.Diagnoses.Add(new Diagnosis { ParticipantId = p.Id, Code = "F33.1", Description = "Major depressive disorder, recurrent, moderate", IsPrimary = true });
        p.Enrollments.Add(new Enrollment { ParticipantId = p.Id, ProgramId = prog.Id, StartedOn = p.AdmittedOn.Value });
        db.Participants.Add(p);
        await db.SaveChangesAsync();
        return p;
    }

    /// <summary>The staff member behind a demo account ("clinician", "programdirector"…).</summary>
    public static async Task<StaffMember> StaffAsync(TrellisFactory app, string role)
    {
        await using var s = app.Db();
        return await s.Context.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(role));
    }

    /// <summary>A group session held <paramref name="daysAgo"/> days ago with the given participants marked present.</summary>
    public static async Task<Guid> HeldSessionAsync(TrellisFactory app, IEnumerable<Guid> attendees, int daysAgo = 0, string program = Demo.MentalHealth)
    {
        await using var s = app.Db();
        var db = s.Context;
        var prog = await db.Programs.SingleAsync(p => p.Name == program);
        var start = DateTimeOffset.UtcNow.AddDays(-daysAgo).AddHours(-3);
        var session = new GroupSession
        {
            ProgramId = prog.Id, Title = "Coping with difficult emotions", StartsAt = start, EndsAt = start.AddMinutes(50),
            LocalDate = LocalDate(start), Capacity = 12,
        };
        db.GroupSessions.Add(session);
        foreach (var pid in attendees)
            db.Attendance.Add(new AttendanceRecord { ParticipantId = pid, GroupSessionId = session.Id, Status = AttendanceStatus.Present, MinutesAttended = 50 });
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>A complete, valid treatment plan body with one problem and one goal.</summary>
    public static Dictionary<string, object?> PlanBody(Guid responsibleStaffId, string ownWords = "I want to get out of bed and go to work most days", Guid? goalId = null, string? changeSummary = null) => new()
    {
        ["changeSummary"] = changeSummary,
        ["content"] = new Dictionary<string, object?>
        {
            ["strengths"] = "Close to her sister; has kept her job through this.",
            ["participantVoice"] = "I want to feel like myself again.",
            ["problems"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["statement"] = "Depressed mood most days, missing work.",
                    ["diagnosisCodes"] = new[] { "F33.1" },
                    ["goals"] = new[]
                    {
                        new Dictionary<string, object?>
                        {
                            ["id"] = goalId,
                            ["ownWords"] = ownWords,
                            ["target"] = "Works at least 4 days a week for 4 weeks in a row; PHQ-9 below 10.",
                            ["instrumentCode"] = "phq-9", ["comparison"] = "below", ["targetScore"] = 10,
                            ["objectives"] = new[] { new Dictionary<string, object?> { ["text"] = "Keep a sleep and activity log every day", ["targetDate"] = DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd") } },
                            ["interventions"] = new[] { new Dictionary<string, object?> { ["type"] = "individual_therapy", ["description"] = "Behavioural activation", ["frequency"] = "weekly", ["responsibleStaffId"] = responsibleStaffId } },
                        },
                    },
                },
            },
        },
    };
}

/// <summary>API calls the note tests share.</summary>
public static class NoteCalls
{
    public static Dictionary<string, object?> Dap(DateOnly day, string data = "Reports a hard week at work; kept the activity log on five days.",
        string assessment = "Mood improving slowly; insight good.", string plan = "Continue weekly; practise the skill daily.") => new()
    {
        ["kind"] = "individual", ["format"] = "dap", ["serviceDate"] = day.ToString("yyyy-MM-dd"), ["minutes"] = 50,
        ["sections"] = new Dictionary<string, string?> { ["data"] = data, ["assessment"] = assessment, ["plan"] = plan },
    };

    public static async Task<(string Id, string ETag)> CreateAsync(HttpClient api, Guid participantId, Dictionary<string, object?> body)
    {
        var response = await api.PostAsJsonAsync($"/api/participants/{participantId}/notes", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await Json.ReadAsync(response);
        return ((string)json["id"]!, response.Headers.ETag!.Tag);
    }

    /// <summary>Sign a note as read: with the If-Match of the version a GET returns, as a client must.</summary>
    public static Task<HttpResponseMessage> SignAsync(HttpClient api, string noteId, object? body = null) =>
        api.PostAfterReadAsync($"/api/notes/{noteId}", $"/api/notes/{noteId}/sign", body);

    public static Task<HttpResponseMessage> CosignAsync(HttpClient api, string noteId) =>
        api.PostAfterReadAsync($"/api/notes/{noteId}", $"/api/notes/{noteId}/cosign", null);

    public static Task<HttpResponseMessage> SignGroupAsync(HttpClient api, object sessionId, object? body = null) =>
        api.PostAfterReadAsync($"/api/group-sessions/{sessionId}/note", $"/api/group-sessions/{sessionId}/note/sign", body);

    /// <summary>
    /// An attendee's part with the structured choices signing needs (issue 13: choices plus one sentence, the
    /// sentence in "participation"; the other three sections are optional since then).
    /// </summary>
    public static Dictionary<string, object?> Part(Guid participantId, string participation, string response, string progress, string plan) => new()
    {
        ["participantId"] = participantId,
        ["participationLevel"] = "active", ["presentation"] = "euthymic", ["interventionResponse"] = "receptive",
        ["sections"] = new Dictionary<string, string?> { ["participation"] = participation, ["response"] = response, ["progress"] = progress, ["plan"] = plan },
    };
}

public static class Scores
{
    /// <summary>Records an instrument given in the chart, scored by the real scorer.</summary>
    public static async Task AddAsync(TrellisFactory app, Guid participantId, string code, int[] answers, DateOnly on)
    {
        var elements = answers.Select(a => System.Text.Json.JsonSerializer.SerializeToElement(a)).ToList();
        var outcome = Trellis.Web.Features.Instruments.InstrumentScorer.Score(code, elements);
        Assert.True(outcome.IsValid);
        await using var s = app.Db();
        s.Context.InstrumentAdministrations.Add(new Trellis.Web.Features.Instruments.InstrumentAdministration
        {
            ParticipantId = participantId, InstrumentCode = code, AnswersJson = System.Text.Json.JsonSerializer.Serialize(answers),
            Total = outcome.Result!.Total, Band = outcome.Result.Band, AdministeredAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero),
        });
        await s.Context.SaveChangesAsync();
    }
}
