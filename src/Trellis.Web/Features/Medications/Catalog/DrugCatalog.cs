using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trellis.Web.Features.Medications.Catalog;

/// <param name="Atc">The ATC groups (WHO ATC/DDD Index) the class stands for.</param>
public sealed record DrugClass(string Key, string Name, IReadOnlyList<string> Atc);

/// <param name="Name">RxNorm ingredient name, lower case.</param>
/// <param name="Tags">Interaction groups the dangerous-combination rules name (opioid, benzodiazepine, serotonergic…).</param>
/// <param name="DuplicateCheck">False where two products with it belong together (naloxone in buprenorphine/naloxone and a naloxone rescue kit).</param>
public sealed record Ingredient(string Name, string Class, IReadOnlyList<string> Tags, bool DuplicateCheck = true);

/// <param name="Code">The catalog's stable key, what a medication stores.</param>
/// <param name="Names">Brand and other names that mean this drug ("Zoloft").</param>
/// <param name="Class">Its therapeutic class; a single-ingredient drug's is its ingredient's.</param>
public sealed record Drug(string Code, string Name, IReadOnlyList<string> Names, IReadOnlyList<string> Ingredients, string Class);

/// <summary>An allergy recorded as a family of drugs ("penicillin", "sulfa drugs"): the classes it covers.</summary>
public sealed record AllergyGroup(string Name, IReadOnlyList<string> Names, IReadOnlyList<string> Classes);

/// <param name="A">A tag one of the two drugs carries.</param>
/// <param name="B">A tag the other carries.</param>
public sealed record InteractionRule(string Key, string A, string B, string Title, string Risk, string Source);

/// <summary>What an allergy's substance means in the catalog: the ingredients and classes a medication must not contain.</summary>
public sealed record Allergen(string Label, IReadOnlySet<string> Ingredients, IReadOnlySet<string> Classes);

/// <summary>
/// The drug catalog shipped with the app (Catalog/drug-catalog.json, sources named in the file): the
/// medicines an IOP sees, each with its ingredients and therapeutic class, allergy families, and the few
/// dangerous combinations the medication list warns about. Read once; immutable; no I/O after loading.
/// </summary>
public sealed class DrugCatalog
{
    private readonly Dictionary<string, Drug> byCode;
    private readonly Dictionary<string, Drug> byName;
    private readonly Dictionary<string, Ingredient> ingredients;
    private readonly Dictionary<string, DrugClass> classes;
    private readonly Dictionary<string, AllergyGroup> groups;

    private DrugCatalog(CatalogFile file)
    {
        Sources = file.Sources;
        Classes = file.Classes;
        Ingredients = file.Ingredients.Select(i => new Ingredient(i.Name, i.Class, i.Tags ?? [], i.DuplicateCheck ?? true)).ToList();
        Drugs = file.Drugs.Select(d => new Drug(d.Code, d.Name, d.Names ?? [], d.Ingredients, d.Class ?? Ingredients.First(i => i.Name == d.Ingredients[0]).Class)).ToList();
        AllergyGroups = file.AllergyGroups;
        Interactions = file.Interactions;
        byCode = Drugs.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        byName = Drugs.SelectMany(d => d.Names.Prepend(d.Name).Select(n => (Key: Normalize(n), Drug: d))).ToDictionary(x => x.Key, x => x.Drug);
        ingredients = Ingredients.ToDictionary(i => i.Name);
        classes = Classes.ToDictionary(c => c.Key);
        groups = AllergyGroups.SelectMany(g => g.Names.Select(n => (Key: Normalize(n), Group: g))).ToDictionary(x => x.Key, x => x.Group);
    }

    public static DrugCatalog Shipped { get; } = Load();

    public IReadOnlyDictionary<string, string> Sources { get; }
    public IReadOnlyList<DrugClass> Classes { get; }
    public IReadOnlyList<Ingredient> Ingredients { get; }
    public IReadOnlyList<Drug> Drugs { get; }
    public IReadOnlyList<AllergyGroup> AllergyGroups { get; }
    public IReadOnlyList<InteractionRule> Interactions { get; }

    public Drug? Get(string? code) => code is not null && byCode.TryGetValue(code.Trim(), out var d) ? d : null;

    public Ingredient IngredientNamed(string name) => ingredients[name];

    public DrugClass ClassOf(string key) => classes[key];

    /// <summary>
    /// The drug a typed name means: its name or a brand ("Zoloft"), case, spacing and a trailing release form
    /// ("XL", "ER"…) aside. Null for a name the catalog does not know, which stays free text, unchecked.
    /// </summary>
    public Drug? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var words = Normalize(name).Split(' ').ToList();
        while (words.Count > 0)
        {
            if (byName.TryGetValue(string.Join(' ', words), out var drug)) return drug;
            if (!ReleaseForms.Contains(words[^1])) return null;
            words.RemoveAt(words.Count - 1);
        }
        return null;
    }

    /// <summary>The ingredients and classes an allergy to <paramref name="substance"/> rules out, or null when the catalog cannot tell.</summary>
    public Allergen? AllergenOf(string? substance)
    {
        if (string.IsNullOrWhiteSpace(substance)) return null;
        var key = Normalize(substance);
        if (groups.TryGetValue(key, out var group)) return new(group.Name, new HashSet<string>(), group.Classes.ToHashSet());
        if (ingredients.ContainsKey(key)) return new(key, new HashSet<string> { key }, new HashSet<string>());
        if (Resolve(substance) is { } drug) return new(drug.Name, drug.Ingredients.ToHashSet(), new HashSet<string>());
        if (Classes.FirstOrDefault(c => Normalize(c.Name) == key || c.Key == key) is { } cls) return new(cls.Name, new HashSet<string>(), new HashSet<string> { cls.Key });
        return null;
    }

    /// <summary>Drugs whose name, brand or ingredient contains every word searched for.</summary>
    public IEnumerable<Drug> Search(string? text)
    {
        var words = Normalize(text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Drugs.Where(d => words.All(w => d.Names.Prepend(d.Name).Concat(d.Ingredients).Any(n => Normalize(n).Contains(w, StringComparison.Ordinal))));
    }

    public static string Normalize(string s) =>
        string.Join(' ', s.Trim().ToLowerInvariant().Replace('’', '\'').Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static readonly HashSet<string> ReleaseForms = ["xl", "xr", "sr", "er", "cr", "la", "cd", "dr", "ir", "odt", "xr-odt", "ds", "solution", "tablet", "tablets", "capsule", "capsules"];

    private sealed record CatalogFile(Dictionary<string, string> Sources, List<DrugClass> Classes, List<IngredientEntry> Ingredients,
        List<DrugEntry> Drugs, List<AllergyGroup> AllergyGroups, List<InteractionRule> Interactions);

    private sealed record IngredientEntry(string Name, string Class, List<string>? Tags, bool? DuplicateCheck);

    private sealed record DrugEntry(string Code, string Name, List<string>? Names, List<string> Ingredients, string? Class);

    private static DrugCatalog Load()
    {
        using var stream = typeof(DrugCatalog).Assembly.GetManifestResourceStream("Trellis.Web.DrugCatalog.json")
            ?? throw new InvalidOperationException("The drug catalog (Features/Medications/Catalog/drug-catalog.json) is not embedded in the app.");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };
        return new DrugCatalog(JsonSerializer.Deserialize<CatalogFile>(stream, options)!);
    }
}
