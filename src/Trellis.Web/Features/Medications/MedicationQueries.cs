using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Medications.Catalog;

namespace Trellis.Web.Features.Medications;

/// <summary>A chart's medications and allergies, with each current medication's warnings and the acknowledgments that cover them.</summary>
public sealed record MedicationList(List<Medication> Medications, List<Allergy> Allergies,
    Dictionary<Guid, List<(MedicationWarning Warning, MedicationAcknowledgment? Acknowledged)>> Warnings)
{
    public MedicationDto Dto(Medication m, DateOnly today) => MedicationDto.From(m, today, Warnings.GetValueOrDefault(m.Id) ?? []);
}

/// <summary>The medication list as the tab and the API read it.</summary>
public static class MedicationQueries
{
    public static async Task<MedicationList> ForChartAsync(TrellisDbContext db, Guid participantId, DateOnly today, CancellationToken ct = default)
    {
        var meds = await db.Set<Medication>().AsNoTracking().Where(m => m.ParticipantId == participantId).OrderBy(m => m.Name).ToListAsync(ct);
        var allergies = await db.Set<Allergy>().AsNoTracking().Where(a => a.ParticipantId == participantId)
            .OrderBy(a => a.EnteredInError).ThenBy(a => a.Substance).ToListAsync(ct);
        return new(meds, allergies, MedicationChecks.ForList(DrugCatalog.Shipped, meds, allergies, today));
    }
}
