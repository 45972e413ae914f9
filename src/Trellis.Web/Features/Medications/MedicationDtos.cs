using Trellis.Web.Features.Medications.Catalog;

namespace Trellis.Web.Features.Medications;

/// <param name="DrugCode">The drug catalog's code; null for a free-text entry.</param>
/// <param name="Checked">False for a free-text entry: it is not checked for allergies, duplicates or dangerous combinations.</param>
/// <param name="Warnings">The medication's current warnings, each with the acknowledgment that covers it.</param>
public sealed record MedicationDto(Guid Id, Guid ParticipantId, string Name, string? DrugCode, bool Checked, IReadOnlyList<string> Ingredients, string? DrugClass,
    string Dose, MedicationRoute Route, string Frequency, string? Reason,
    Guid? PrescriberStaffId, string? PrescriberName, DateOnly? StartedOn, DateOnly? StoppedOn, string? StopReason, string? Notes,
    bool EnteredInError, string? ErrorReason, bool Active, IReadOnlyList<MedicationWarningDto> Warnings, IReadOnlyList<MedicationAcknowledgment> Acknowledgments, long Version)
{
    public static MedicationDto From(Medication m, DateOnly today, IEnumerable<(MedicationWarning Warning, MedicationAcknowledgment? Acknowledged)> warnings)
    {
        var drug = DrugCatalog.Shipped.Get(m.DrugCode);
        return new(m.Id, m.ParticipantId, m.Name, m.DrugCode, drug is not null, drug?.Ingredients ?? [], drug is null ? null : DrugCatalog.Shipped.ClassOf(drug.Class).Name,
            m.Dose, m.Route, m.Frequency, m.Reason, m.PrescriberStaffId, m.PrescriberName, m.StartedOn, m.StoppedOn, m.StopReason, m.Notes, m.EnteredInError, m.ErrorReason,
            m.IsActiveOn(today), warnings.Select(w => new MedicationWarningDto(w.Warning.Key, w.Warning.Kind, w.Warning.Message, w.Warning.Source, w.Acknowledged is not null,
                w.Acknowledged?.Reason, w.Acknowledged?.ByName, w.Acknowledged?.At)).ToList(), m.Acknowledgments, m.Version);
    }
}

public sealed record MedicationWarningDto(string Key, string Kind, string Message, string? Source, bool Acknowledged, string? AcknowledgmentReason,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt);

/// <param name="Class">The therapeutic class's name; <paramref name="Atc"/> its ATC groups.</param>
public sealed record CatalogDrugDto(string Code, string Name, IReadOnlyList<string> Names, IReadOnlyList<string> Ingredients, string Class, IReadOnlyList<string> Atc)
{
    public static CatalogDrugDto From(Drug d)
    {
        var c = DrugCatalog.Shipped.ClassOf(d.Class);
        return new(d.Code, d.Name, d.Names, d.Ingredients, c.Name, c.Atc);
    }
}

public sealed record AllergyDto(Guid Id, Guid ParticipantId, string Substance, AllergyKind Kind, string? Reaction, AllergySeverity Severity,
    DateOnly? NotedOn, bool EnteredInError, string? ErrorReason, long Version)
{
    public static AllergyDto From(Allergy a) => new(a.Id, a.ParticipantId, a.Substance, a.Kind, a.Reaction, a.Severity, a.NotedOn, a.EnteredInError, a.ErrorReason, a.Version);
}

public sealed record ReconciliationDto(Guid Id, ReconciliationKind Kind, DateOnly ReconciledOn, string ReconciledBy, string Sources,
    IReadOnlyList<ReconciledMedication> Items, bool NoKnownAllergies, string AllergySummary, string? Notes)
{
    public static ReconciliationDto From(MedicationReconciliation r) => new(r.Id, r.Kind, r.ReconciledOn, r.ReconciledByName, r.Sources, r.Items,
        r.NoKnownAllergies, r.AllergySummary, r.Notes);
}

public sealed record DrugTestDto(Guid Id, Guid ParticipantId, DateOnly CollectedOn, TimeOnly? CollectedAt, Specimen Specimen, string Panel, bool Observed,
    bool LabConfirmed, IReadOnlyList<SubstanceResultDto> Results, bool HasUnexpected, string? Notes, string? CollectedBy, bool EnteredInError, string? ErrorReason, long Version)
{
    public static DrugTestDto From(DrugTest t) => new(t.Id, t.ParticipantId, t.CollectedOn, t.CollectedAt, t.Specimen, t.Panel, t.Observed, t.LabConfirmed,
        t.Results.Select(r => new SubstanceResultDto(r.Substance, DrugPanels.NameOf(r.Substance), r.Result, r.Prescribed, r.PrescribedAs, r.IsExpected, r.IsUnexpected)).ToList(),
        !t.EnteredInError && t.HasUnexpected, t.Notes, t.CollectedByName, t.EnteredInError, t.ErrorReason, t.Version);
}

public sealed record SubstanceResultDto(string Substance, string Name, DrugResult Result, bool Prescribed, string? PrescribedAs, bool Expected, bool Unexpected);
