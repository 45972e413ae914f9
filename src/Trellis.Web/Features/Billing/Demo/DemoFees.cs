using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Billing.Demo;

/// <summary>
/// The demo's payers and prices. Codes as docs/billing.md explains them; every rate is a made-up demo figure,
/// not any payer's real rate (a clinic enters its own contracts).
/// </summary>
internal static class DemoFees
{
    public sealed record DemoPayers(Payer Medicare, Payer Medicaid, Payer Cascade, Payer Willamette, Payer SelfPay)
    {
        public Payer[] All => [Medicare, Medicaid, Cascade, Willamette, SelfPay];
        public Payer? ByName(string name) => All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    public static DemoPayers Payers() => new(
        new Payer { Name = "Medicare", PayerId = "MCRJF", Kind = PayerKind.Medicare, ClaimType = ClaimType.Institutional, Method = BillingMethod.PerDiem, FilingIndicator = "MA", TiersByServiceCount = true },
        new Payer { Name = "Evergreen Medicaid CCO", PayerId = "EMCCO", Kind = PayerKind.Medicaid, ClaimType = ClaimType.Professional, Method = BillingMethod.PerDiem, FilingIndicator = "MC", MinimumMinutesForPerDiem = 150, RequiresAuthorization = true },
        new Payer { Name = "Cascade Health Plan", PayerId = "CSCHP", Kind = PayerKind.Commercial, ClaimType = ClaimType.Institutional, Method = BillingMethod.PerDiem, FilingIndicator = "CI", MinimumMinutesForPerDiem = 150, RequiresAuthorization = true },
        new Payer { Name = "Willamette Mutual Health", PayerId = "WMHLT", Kind = PayerKind.Commercial, ClaimType = ClaimType.Professional, Method = BillingMethod.PerService, FilingIndicator = "CI", RequiresAuthorization = true },
        new Payer { Name = "Self-pay", PayerId = "SELFPAY", Kind = PayerKind.SelfPay, ClaimType = ClaimType.Professional, Method = BillingMethod.PerDiem, FilingIndicator = "09" });

    public static IEnumerable<FeeSchedule> Schedules(TreatmentProgram program, DemoPayers payers, DateOnly from)
    {
        var su = program.IsPart2;
        var perDiem = su ? "H0015" : "S9480";
        var revenue = su ? "0906" : "0905";
        var dayText = su ? "Alcohol and/or drug intensive outpatient, per day" : "Psychiatric intensive outpatient, per diem";
        FeeSchedule Schedule(Payer payer, params FeeLine[] lines) => new() { ProgramId = program.Id, PayerId = payer.Id, EffectiveFrom = from, Lines = [.. lines] };
        FeeLine Day(decimal rate, string? rev) => new() { Kind = FeeLineKind.PerDiem, Code = perDiem, RevenueCode = rev, Rate = rate, Description = dayText };
        FeeLine Svc(ServiceType type, int minutes, string code, string? rev, decimal rate, bool qualifies, string text) =>
            new() { Kind = FeeLineKind.Service, ServiceType = type, MinMinutes = minutes, Code = code, RevenueCode = rev, Rate = rate, Qualifies = qualifies, Description = text };
        yield return Schedule(payers.Medicare,
            Svc(ServiceType.GroupTherapy, 0, "G0410", "0915", 150, true, "Group psychotherapy, PHP/IOP"),
            Svc(ServiceType.SkillsGroup, 0, "G0410", "0915", 150, true, "Group psychotherapy, PHP/IOP (skills)"),
            Svc(ServiceType.Psychoeducation, 0, "G0177", "0942", 120, true, "Training and educational services"),
            Svc(ServiceType.ActivityTherapy, 0, "G0176", "0904", 110, true, "Activity therapy"),
            Svc(ServiceType.IndividualTherapy, 16, "90832", "0914", 110, true, "Psychotherapy, 30 minutes"),
            Svc(ServiceType.IndividualTherapy, 38, "90834", "0914", 150, true, "Psychotherapy, 45 minutes"),
            Svc(ServiceType.IndividualTherapy, 53, "90837", "0914", 200, true, "Psychotherapy, 60 minutes"),
            Svc(ServiceType.FamilyTherapy, 26, "90847", "0916", 180, true, "Family psychotherapy with the patient"),
            Svc(ServiceType.DiagnosticEvaluation, 0, "90791", "0900", 230, true, "Psychiatric diagnostic evaluation"),
            new FeeLine { Kind = FeeLineKind.IopTier3, Code = "", Rate = 260, Description = "IOP day, 3 services (APC 5861; demo figure)" },
            new FeeLine { Kind = FeeLineKind.IopTier4Plus, Code = "", Rate = 285, Description = "IOP day, 4 or more services (APC 5862; demo figure)" });
        yield return Schedule(payers.Medicaid, Day(190, null));
        yield return Schedule(payers.Cascade, Day(350, revenue));
        yield return Schedule(payers.Willamette,
            Svc(ServiceType.GroupTherapy, 0, "90853", null, 95, false, "Group psychotherapy"),
            Svc(ServiceType.SkillsGroup, 0, "90853", null, 95, false, "Group psychotherapy (skills)"),
            Svc(ServiceType.IndividualTherapy, 16, "90832", null, 90, false, "Psychotherapy, 30 minutes"),
            Svc(ServiceType.IndividualTherapy, 38, "90834", null, 120, false, "Psychotherapy, 45 minutes"),
            Svc(ServiceType.IndividualTherapy, 53, "90837", null, 160, false, "Psychotherapy, 60 minutes"),
            Svc(ServiceType.FamilyTherapy, 26, "90847", null, 140, false, "Family psychotherapy with the patient"),
            Svc(ServiceType.DiagnosticEvaluation, 0, "90791", null, 180, false, "Psychiatric diagnostic evaluation"),
            Svc(ServiceType.MedicationManagement, 10, "99212", null, 70, false, "Office visit, established, 10+ minutes"),
            Svc(ServiceType.MedicationManagement, 20, "99213", null, 110, false, "Office visit, established, 20+ minutes"),
            Svc(ServiceType.MedicationManagement, 30, "99214", null, 160, false, "Office visit, established, 30+ minutes"),
            Svc(ServiceType.MedicationManagement, 40, "99215", null, 210, false, "Office visit, established, 40+ minutes"));
        yield return Schedule(payers.SelfPay, Day(150, null));
    }

    /// <summary>2025 HHS poverty guidelines for the 48 contiguous states ($15,650 and $5,500 a person); bands are the demo clinic's choice.</summary>
    public static SlidingFeeScale Scale(Guid programId) => new()
    {
        ProgramId = programId, PovertyGuidelineFirstPerson = 15650, PovertyGuidelineEachAdditional = 5500, TypicalWeeks = 8, TypicalDaysPerWeek = 3,
        Bands = [new() { UpToPercentOfPoverty = 100, PatientPaysPercent = 10 }, new() { UpToPercentOfPoverty = 150, PatientPaysPercent = 25 },
                 new() { UpToPercentOfPoverty = 200, PatientPaysPercent = 50 }, new() { UpToPercentOfPoverty = 250, PatientPaysPercent = 75 }],
    };
}

/// <summary>Fictional NPIs that pass the NPI check digit (Luhn over "80840" and the first nine digits), and taxonomy codes by credential.</summary>
internal static class DemoNpis
{
    public static string Make(int n)
    {
        var body = "19" + (1000000 + n * 7919 % 8999999).ToString("D7");
        var digits = "80840" + body;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return body + ((10 - sum % 10) % 10);
    }

    public static string Taxonomy(string credential) => credential switch
    {
        "LCSW" => "1041C0700X",
        "LPC" or "LPC-Associate" => "101YP2500X",
        "LMFT" => "106H00000X",
        "PMHNP" => "363LP0808X",
        "MD" => "2084P0800X",
        "CADC" => "101YA0400X",
        _ => "101Y00000X",
    };
}
