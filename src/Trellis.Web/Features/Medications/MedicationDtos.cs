namespace Trellis.Web.Features.Medications;

public sealed record MedicationDto(Guid Id, Guid ParticipantId, string Name, string Dose, MedicationRoute Route, string Frequency, string? Reason,
    Guid? PrescriberStaffId, string? PrescriberName, DateOnly? StartedOn, DateOnly? StoppedOn, string? StopReason, string? Notes,
    bool EnteredInError, string? ErrorReason, bool Active, long Version)
{
    public static MedicationDto From(Medication m, DateOnly today) => new(m.Id, m.ParticipantId, m.Name, m.Dose, m.Route, m.Frequency, m.Reason,
        m.PrescriberStaffId, m.PrescriberName, m.StartedOn, m.StoppedOn, m.StopReason, m.Notes, m.EnteredInError, m.ErrorReason, m.IsActiveOn(today), m.Version);
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
