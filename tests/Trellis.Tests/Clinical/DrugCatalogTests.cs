using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Medications.Catalog;

namespace Trellis.Tests.Clinical;

/// <summary>The shipped drug catalog is whole, and the medication list's safety net catches what issue 13 point 2 names.</summary>
[Trait("Category", "Unit")]
public class DrugCatalogTests
{
    private static readonly DrugCatalog Catalog = DrugCatalog.Shipped;
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static Medication Med(string name, string dose = "10 mg", DateOnly? stopped = null) =>
        new() { Name = name, DrugCode = Catalog.Resolve(name)?.Code, Dose = dose, Frequency = "daily", StoppedOn = stopped, StopReason = stopped is null ? null : "x" };

    private static Allergy AllergyTo(string substance) => new() { Substance = substance, Kind = AllergyKind.Medication };

    private static List<MedicationWarning> Check(Medication m, IEnumerable<Medication>? others = null, params Allergy[] allergies) =>
        MedicationChecks.For(Catalog, m, [.. others ?? [], m], allergies, Today);

    [Fact]
    public void The_catalog_is_whole_and_names_its_sources()
    {
        var classes = Catalog.Classes.Select(c => c.Key).ToHashSet();
        Assert.All(Catalog.Ingredients, i => Assert.Contains(i.Class, classes));
        Assert.All(Catalog.Drugs, d => Assert.All(d.Ingredients, i => Catalog.IngredientNamed(i)));
        Assert.All(Catalog.Drugs, d => Assert.Contains(d.Class, classes));
        Assert.All(Catalog.Classes, c => Assert.NotEmpty(c.Atc));
        var names = Catalog.Drugs.SelectMany(d => d.Names.Prepend(d.Name)).Select(DrugCatalog.Normalize).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(Catalog.Drugs.Count, Catalog.Drugs.Select(d => d.Code).Distinct().Count());
        var tags = Catalog.Ingredients.SelectMany(i => i.Tags).ToHashSet();
        Assert.All(Catalog.Interactions, r => { Assert.Contains(r.A, tags); Assert.Contains(r.B, tags); Assert.False(string.IsNullOrWhiteSpace(r.Source)); });
        Assert.All(Catalog.AllergyGroups, g => Assert.All(g.Classes, c => Assert.Contains(c, classes)));
        foreach (var source in new[] { "RxNorm", "ATC", "FDA", "CredibleMeds" })
            Assert.Contains(Catalog.Sources.Values, v => v.Contains(source));
    }

    [Theory]
    [InlineData("sertraline")]
    [InlineData("fluoxetine")] [InlineData("venlafaxine")] [InlineData("amitriptyline")] [InlineData("phenelzine")] [InlineData("bupropion")]
    [InlineData("mirtazapine")] [InlineData("trazodone")] [InlineData("quetiapine")] [InlineData("aripiprazole")] [InlineData("lithium")]
    [InlineData("divalproex")] [InlineData("lamotrigine")] [InlineData("carbamazepine")] [InlineData("clonazepam")] [InlineData("hydroxyzine")]
    [InlineData("mixed-amphetamine-salts")] [InlineData("methylphenidate")] [InlineData("atomoxetine")] [InlineData("guanfacine")] [InlineData("zolpidem")]
    [InlineData("buprenorphine")] [InlineData("buprenorphine-naloxone")] [InlineData("methadone")] [InlineData("naltrexone")] [InlineData("acamprosate")]
    [InlineData("disulfiram")] [InlineData("naloxone")] [InlineData("amoxicillin")] [InlineData("cephalexin")] [InlineData("hydrocodone-acetaminophen")]
    [InlineData("ibuprofen")] [InlineData("diphenhydramine")] [InlineData("nyquil-liquid")] [InlineData("metronidazole")]
    public void The_medicines_an_iop_sees_are_listed(string code) => Assert.NotNull(Catalog.Get(code));

    [Theory]
    [InlineData("Zoloft", "sertraline")]
    [InlineData("  sertraline ", "sertraline")]
    [InlineData("Bupropion XL", "bupropion")]
    [InlineData("Wellbutrin SR", "bupropion")]
    [InlineData("Suboxone", "buprenorphine-naloxone")]
    [InlineData("Buprenorphine/naloxone", "buprenorphine-naloxone")]
    [InlineData("Adderall XR", "mixed-amphetamine-salts")]
    [InlineData("NyQuil", "nyquil-liquid")]
    public void A_typed_name_finds_its_drug(string typed, string code) => Assert.Equal(code, Catalog.Resolve(typed)?.Code);

    [Theory]
    [InlineData("Zzyzx root tea")]
    [InlineData("Amoxicilin")]
    [InlineData("")]
    public void A_name_the_catalog_does_not_know_stays_free_text(string typed) => Assert.Null(Catalog.Resolve(typed));

    [Fact]
    public void A_penicillin_allergy_rules_out_amoxicillin_by_class_and_an_ingredient_allergy_its_products()
    {
        var amoxicillin = Med("Amoxicillin", "500 mg");
        var warning = Assert.Single(Check(amoxicillin, allergies: AllergyTo("Penicillin")));
        Assert.Equal("allergy", warning.Kind);
        Assert.Contains("amoxicillin is a penicillin", warning.Message);
        Assert.Single(Check(Med("Augmentin"), allergies: AllergyTo("amoxicillin")));
        Assert.Single(Check(Med("Bactrim DS"), allergies: AllergyTo("Sulfa drugs")));
        Assert.Single(Check(Med("Percocet"), allergies: AllergyTo("Opiates")));
        Assert.Empty(Check(Med("Cephalexin"), allergies: AllergyTo("Penicillin")));
        Assert.Empty(Check(amoxicillin, allergies: [AllergyTo("Peanuts"), new Allergy { Substance = "Penicillin", EnteredInError = true, ErrorReason = "x" }]));
    }

    [Fact]
    public void The_same_ingredient_twice_and_the_same_class_twice_are_flagged()
    {
        var fifty = Med("Sertraline", "50 mg");
        var hundred = Med("Sertraline", "100 mg");
        var same = Assert.Single(Check(hundred, [fifty]));
        Assert.Equal("duplicate_ingredient", same.Kind);
        Assert.Contains("Sertraline 50 mg", same.Message);
        Assert.Equal("duplicate_class", Assert.Single(Check(Med("Prozac"), [fifty])).Kind);
        Assert.Equal("duplicate_ingredient", Assert.Single(Check(Med("Tylenol"), [Med("Norco")])).Kind);
        // A naloxone rescue kit beside buprenorphine/naloxone is what it should be, not a duplicate.
        Assert.Empty(Check(Med("Narcan"), [Med("Suboxone")]));
        // Stopped, or free text: nothing to check against.
        Assert.Empty(Check(hundred, [Med("Sertraline", "50 mg", stopped: Today)]));
        Assert.Empty(Check(hundred, [new Medication { Name = "Sertraline (from the old chart)", Dose = "50 mg" }]));
        Assert.Empty(Check(new Medication { Name = "Zzyzx root tea", Dose = "1 cup" }, [fifty]));
    }

    [Theory]
    [InlineData("Oxycodone", "Alprazolam", "opioid-benzodiazepine")]
    [InlineData("Suboxone", "Klonopin", "opioid-benzodiazepine")]
    [InlineData("Phenelzine", "Sertraline", "maoi-serotonergic")]
    [InlineData("Emsam", "Tramadol", "maoi-serotonergic")]
    [InlineData("Linezolid", "Escitalopram", "maoi-serotonergic")]
    [InlineData("Tranylcypromine", "Adderall", "maoi-sympathomimetic")]
    [InlineData("Disulfiram", "NyQuil", "disulfiram-alcohol")]
    [InlineData("Antabuse", "Cough or cold liquid containing alcohol", "disulfiram-alcohol")]
    [InlineData("Disulfiram", "Metronidazole", "disulfiram-nitroimidazole")]
    [InlineData("Naltrexone", "Buprenorphine/naloxone", "naltrexone-opioid")]
    [InlineData("Methadone", "Citalopram", "methadone-qt")]
    [InlineData("Methadone", "Azithromycin", "methadone-qt")]
    public void Dangerous_combinations_are_named_with_their_source(string first, string second, string rule)
    {
        var warnings = Check(Med(second), [Med(first)]).Where(w => w.Kind == "interaction").ToList();
        var warning = Assert.Single(warnings, w => w.Key.StartsWith($"interaction:{rule}:", StringComparison.Ordinal));
        Assert.NotNull(warning.Source);
        // The same pair read from the other side carries the same key, so one acknowledgment covers both.
        Assert.Contains(Check(Med(first), [Med(second)]), w => w.Key.StartsWith($"interaction:{rule}:", StringComparison.Ordinal));
    }

    [Fact]
    public void Harmless_pairs_raise_nothing()
    {
        Assert.Empty(Check(Med("Trazodone"), [Med("Sertraline")]));
        Assert.Empty(Check(Med("Acamprosate"), [Med("Suboxone")]));
        Assert.Empty(Check(Med("Lisinopril"), [Med("Methadone")]));
    }

    [Fact]
    public void An_acknowledged_warning_is_not_asked_again_from_either_side()
    {
        var oxy = Med("Oxycodone");
        var xanax = Med("Xanax");
        var warning = Assert.Single(Check(xanax, [oxy]));
        xanax.Acknowledgments.Add(new MedicationAcknowledgment { Reason = "Short course after surgery", Warnings = [new() { Key = warning.Key, Message = warning.Message }] });
        Assert.Empty(MedicationChecks.Unacknowledged(Check(oxy, [xanax]), [oxy, xanax]));
        Assert.Equal("Short course after surgery", MedicationChecks.AcknowledgmentOf(warning, [oxy, xanax])?.Reason);
    }
}
