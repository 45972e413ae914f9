using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization.Actions;

/// <summary>Open a new program in the clinic: administrators only. Called by the program page.</summary>
public static class CreateProgram
{
    public static async Task<Result<TreatmentProgram>> RunAsync(TrellisDbContext db, ProgramInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageOrganization)) return Refusal.Forbidden("Only administrators add programs.");
        if (await OrganizationRules.CheckProgramAsync(db, input, null, ct) is { } refused) return refused;
        var program = new TreatmentProgram { OrganizationId = await db.Clinic.Select(o => o.Id).FirstAsync(ct) };
        input.ApplyTo(program);
        db.Programs.Add(program);
        await db.SaveChangesAsync(ct);
        return program;
    }
}
