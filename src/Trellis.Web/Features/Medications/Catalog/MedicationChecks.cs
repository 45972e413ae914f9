namespace Trellis.Web.Features.Medications.Catalog;

/// <summary>
/// One thing to look at before a medication is saved: an allergy it may set off, a second product with the
/// same ingredient or class, or a dangerous combination. <see cref="Key"/> names the pair it is about, the
/// same from either side, so a warning acknowledged once stays acknowledged.
/// </summary>
/// <param name="Kind">allergy, duplicate_ingredient, duplicate_class or interaction.</param>
public sealed record MedicationWarning(string Key, string Kind, string Message, string? Source = null);

/// <summary>
/// The medication list's safety net, pure: a catalog medication checked against the participant's
/// allergies (by ingredient and by class: a penicillin allergy rules out amoxicillin), against their other
/// current catalog medications for a repeated ingredient or therapeutic class, and against the catalog's
/// dangerous combinations. A free-text medication (no catalog code) is neither checked nor checked against:
/// the list shows it as unchecked.
/// </summary>
public static class MedicationChecks
{
    public static List<MedicationWarning> For(DrugCatalog catalog, Medication candidate, IEnumerable<Medication> list, IEnumerable<Allergy> allergies, DateOnly today)
    {
        var warnings = new List<MedicationWarning>();
        if (!candidate.IsCurrentOn(today) || catalog.Get(candidate.DrugCode) is not { } drug) return warnings;
        var ingredients = drug.Ingredients.Select(catalog.IngredientNamed).ToList();
        foreach (var allergy in allergies.Where(a => !a.EnteredInError))
        {
            if (catalog.AllergenOf(allergy.Substance) is not { } allergen) continue;
            var hit = ingredients.FirstOrDefault(i => allergen.Ingredients.Contains(i.Name) || allergen.Classes.Contains(i.Class));
            if (hit is null) continue;
            var why = allergen.Ingredients.Contains(hit.Name) ? $"it contains {hit.Name}" : $"{hit.Name} is a {catalog.ClassOf(hit.Class).Name}";
            warnings.Add(new($"allergy:{allergy.Id}:{candidate.Id}", "allergy",
                $"Allergy on the chart: {allergy.Substance}{Reaction(allergy)}. {candidate.Name} may set it off: {why}."));
        }
        foreach (var other in list.Where(m => m.Id != candidate.Id && m.IsCurrentOn(today)))
        {
            if (catalog.Get(other.DrugCode) is not { } otherDrug) continue;
            var pair = PairKey(candidate.Id, other.Id);
            var otherIngredients = otherDrug.Ingredients.Select(catalog.IngredientNamed).ToList();
            var shared = ingredients.Where(i => i.DuplicateCheck).Select(i => i.Name).Intersect(otherDrug.Ingredients).ToList();
            if (shared.Count > 0)
                warnings.Add(new($"duplicate_ingredient:{pair}", "duplicate_ingredient",
                    $"Same ingredient twice: {other.Describe()} is already on the list and also contains {string.Join(" and ", shared)}."));
            else if (drug.Class == otherDrug.Class)
                warnings.Add(new($"duplicate_class:{pair}", "duplicate_class",
                    $"Same class twice: {other.Describe()} is also a {catalog.ClassOf(drug.Class).Name}."));
            foreach (var rule in catalog.Interactions.Where(r => Applies(r, ingredients, otherIngredients)))
                warnings.Add(new($"interaction:{rule.Key}:{pair}", "interaction", $"{rule.Title}: {candidate.Name} with {other.Describe()}. {rule.Risk}", rule.Source));
        }
        return warnings;
    }

    /// <summary>Every current medication's warnings, each with the acknowledgment that covers it (null while none does): what the list shows.</summary>
    public static Dictionary<Guid, List<(MedicationWarning Warning, MedicationAcknowledgment? Acknowledged)>> ForList(DrugCatalog catalog,
        IReadOnlyList<Medication> list, IReadOnlyList<Allergy> allergies, DateOnly today) =>
        list.ToDictionary(m => m.Id, m => For(catalog, m, list, allergies, today).Select(w => (w, AcknowledgmentOf(w, list))).ToList());

    /// <summary>The warnings no acknowledgment on the participant's list has covered yet.</summary>
    public static List<MedicationWarning> Unacknowledged(IEnumerable<MedicationWarning> warnings, IEnumerable<Medication> list)
    {
        var seen = list.SelectMany(m => m.Acknowledgments).SelectMany(a => a.Warnings).Select(w => w.Key).ToHashSet();
        return warnings.Where(w => !seen.Contains(w.Key)).ToList();
    }

    /// <summary>The acknowledgment that covers a warning, if any: who accepted it, when, and why.</summary>
    public static MedicationAcknowledgment? AcknowledgmentOf(MedicationWarning warning, IEnumerable<Medication> list) =>
        list.SelectMany(m => m.Acknowledgments).FirstOrDefault(a => a.Warnings.Any(w => w.Key == warning.Key));

    private static bool Applies(InteractionRule rule, List<Ingredient> one, List<Ingredient> other)
    {
        bool Has(List<Ingredient> side, string tag) => side.Any(i => i.Tags.Contains(tag));
        return (Has(one, rule.A) && Has(other, rule.B)) || (Has(one, rule.B) && Has(other, rule.A));
    }

    private static string PairKey(Guid a, Guid b) => a.CompareTo(b) < 0 ? $"{a}:{b}" : $"{b}:{a}";

    private static string Reaction(Allergy a) => a.Reaction is null ? "" : $" ({a.Reaction})";
}
