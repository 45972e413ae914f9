using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Support;

/// <summary>Facts about the seeded demo clinic that tests look up rather than hard-code.</summary>
public static class Demo
{
    public const string MentalHealth = "Adult Mental Health IOP";
    public const string SubstanceUse = "Substance Use IOP";
    /// <summary>Adult Mental Health's Fri/Sat/Sun track: with Morning and Evening, the program meets every day.</summary>
    public const string WeekendTrack = "Weekend";

    public static async Task<Guid> ProgramIdAsync(TrellisFactory app, string name)
    {
        await using var s = app.Db();
        return await s.Context.Programs.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    public static async Task<Participant> ParticipantInAsync(TrellisFactory app, string program, ParticipantStatus? status = null)
    {
        await using var s = app.Db();
        return await s.Context.Participants.Include(p => p.Program)
            .Where(p => p.Program!.Name == program && (status == null || p.Status == status))
            .OrderBy(p => p.Mrn).FirstAsync();
    }

    /// <summary>A complete, valid participant body for POST and PUT.</summary>
    public static Dictionary<string, object?> NewParticipant(Guid programId, string last = "Quillfeather") => new()
    {
        ["legalFirstName"] = "Rowan",
        ["legalLastName"] = last,
        ["preferredName"] = "Ro",
        ["pronouns"] = "they/them",
        ["dateOfBirth"] = "1990-04-12",
        ["email"] = "rowan.q@example.org",
        ["phone"] = "(503) 555-0199",
        ["state"] = "OR",
        ["postalCode"] = "97205",
        ["status"] = "screening",
        ["programId"] = programId,
        ["diagnoses"] = new[] { new Dictionary<string, object?> { ["code"] = "F33.1", ["description"] = "Major depressive disorder, recurrent, moderate", ["isPrimary"] = true } },
    };
}
