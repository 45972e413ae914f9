namespace Trellis.Web.Features.Medications;

/// <param name="Medications">Lower-case words in a medication's name that make a positive expected (generic and common brand names).</param>
public sealed record SubstanceDef(string Code, string Name, IReadOnlyList<string> Medications);

public sealed record PanelDef(string Name, Specimen Specimen, IReadOnlyList<string> Codes);

/// <summary>
/// The substances and common panels a clinic records, and which prescriptions explain a positive.
/// Pure rules with no I/O. Immunoassay cross-reactivity varies by kit: the prescribed flag is a
/// suggestion the person recording can override, never a laboratory interpretation.
/// </summary>
public static class DrugPanels
{
    public static readonly IReadOnlyList<SubstanceDef> Substances =
    [
        new("amp", "Amphetamines", ["amphetamine", "dextroamphetamine", "lisdexamfetamine", "adderall", "vyvanse", "dexedrine", "mydayis"]),
        new("met", "Methamphetamine", ["methamphetamine", "desoxyn"]),
        new("mdma", "MDMA (ecstasy)", []),
        new("coc", "Cocaine", []),
        new("thc", "Cannabis (THC)", ["dronabinol", "marinol", "syndros"]),
        new("opi", "Opiates (morphine, codeine)", ["morphine", "codeine", "hydrocodone", "hydromorphone", "dilaudid", "vicodin", "norco"]),
        new("oxy", "Oxycodone", ["oxycodone", "oxycontin", "percocet", "roxicodone"]),
        new("bup", "Buprenorphine", ["buprenorphine", "suboxone", "subutex", "sublocade", "zubsolv", "brixadi"]),
        new("mtd", "Methadone", ["methadone", "methadose", "dolophine"]),
        new("fty", "Fentanyl", ["fentanyl", "duragesic"]),
        new("tram", "Tramadol", ["tramadol", "ultram"]),
        new("bzo", "Benzodiazepines", ["alprazolam", "clonazepam", "lorazepam", "diazepam", "chlordiazepoxide", "temazepam", "oxazepam", "clorazepate", "xanax", "klonopin", "ativan", "valium", "librium"]),
        new("bar", "Barbiturates", ["phenobarbital", "butalbital", "fioricet"]),
        new("pcp", "Phencyclidine (PCP)", []),
        new("etg", "Alcohol (EtG)", []),
        new("bac", "Breath alcohol", []),
    ];

    public static readonly IReadOnlyList<PanelDef> Panels =
    [
        new("12-panel urine cup", Specimen.Urine, ["amp", "bar", "bzo", "bup", "coc", "mdma", "met", "mtd", "opi", "oxy", "pcp", "thc"]),
        new("12-panel urine cup + fentanyl", Specimen.Urine, ["amp", "bar", "bzo", "bup", "coc", "fty", "mdma", "met", "mtd", "opi", "oxy", "pcp", "thc"]),
        new("5-panel urine", Specimen.Urine, ["amp", "coc", "opi", "pcp", "thc"]),
        new("10-panel oral fluid", Specimen.OralFluid, ["amp", "bzo", "bup", "coc", "met", "mtd", "opi", "oxy", "pcp", "thc"]),
        new("EtG urine (alcohol)", Specimen.Urine, ["etg"]),
        new("Breath alcohol", Specimen.Breath, ["bac"]),
        new("Fentanyl strip", Specimen.Urine, ["fty"]),
    ];

    public static SubstanceDef? Substance(string? code) =>
        Substances.FirstOrDefault(s => string.Equals(s.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static PanelDef? Panel(string? name) =>
        Panels.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string NameOf(string code) => Substance(code)?.Name ?? code;

    /// <summary>The active medication that explains a positive for the substance, or null.</summary>
    public static string? PrescribedAs(string substanceCode, IEnumerable<string> activeMedicationNames)
    {
        if (Substance(substanceCode) is not { } s || s.Medications.Count == 0) return null;
        return activeMedicationNames.FirstOrDefault(name =>
        {
            var words = name.ToLowerInvariant().Split([' ', '/', '-', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
            return words.Any(w => s.Medications.Contains(w));
        });
    }
}
