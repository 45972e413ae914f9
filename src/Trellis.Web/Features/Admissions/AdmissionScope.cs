using Trellis.Web.Data;

namespace Trellis.Web.Features.Admissions;

/// <summary>
/// Which leads the caller may see, asked in one place. A lead is not a chart record (most have no
/// chart yet), so the context's participant filter cannot reach it; every query of leads starts
/// here instead. Staff see the leads of their programs, and leads that have not chosen a program
/// yet (the clinic's front door). An out-of-scope lead answers exactly like a missing one.
/// </summary>
public static class AdmissionScope
{
    public static IQueryable<AdmissionCase> Cases(TrellisDbContext db)
    {
        var scope = db.Scope;
        if (scope.All) return db.Set<AdmissionCase>();
        var programs = scope.ProgramIds;
        var staff = programs.Length > 0;
        return db.Set<AdmissionCase>().Where(c => c.ProgramId == null ? staff : programs.Contains(c.ProgramId.Value));
    }

    /// <summary>Whether the caller could place a lead in this program (they work in it).</summary>
    public static bool MayUseProgram(TrellisDbContext db, Guid programId) => db.Scope.All || db.Scope.ProgramIds.Contains(programId);
}
