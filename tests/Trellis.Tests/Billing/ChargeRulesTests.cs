using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Billing;

/// <summary>The pure charge rules: tiers, methods, codes by minutes, video, and each reason to hold.</summary>
[Trait("Category", "Unit")]
public class ChargeRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 18);
    private static readonly BillingIdentity Clinic = new() { PlaceOfService = "11", TelehealthPlaceOfService = "10", ChargesFrom = Day.AddDays(-30) };
    private static readonly IReadOnlySet<ServiceType> Counted = ScheduleSettings.Defaults(Guid.Empty).Counted;

    private static Payer Medicare() => new() { Name = "Medicare", Kind = PayerKind.Medicare, ClaimType = ClaimType.Institutional, Method = BillingMethod.PerDiem, TiersByServiceCount = true };

    private static FeeSchedule MedicareSchedule() => new()
    {
        Lines =
        [
            new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.GroupTherapy, Code = "G0410", RevenueCode = "0915", Rate = 150, Qualifies = true },
            new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.Psychoeducation, Code = "G0177", RevenueCode = "0942", Rate = 120, Qualifies = true },
            new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.IndividualTherapy, MinMinutes = 16, Code = "90832", RevenueCode = "0914", Rate = 110, Qualifies = true },
            new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.IndividualTherapy, MinMinutes = 38, Code = "90834", RevenueCode = "0914", Rate = 150, Qualifies = true },
            new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.IndividualTherapy, MinMinutes = 53, Code = "90837", RevenueCode = "0914", Rate = 200, Qualifies = true },
            new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.CaseManagement, Code = "T1016", Rate = 40, Qualifies = false },
            new() { Kind = FeeLineKind.IopTier3, Rate = 260 },
            new() { Kind = FeeLineKind.IopTier4Plus, Rate = 285 },
        ],
    };

    private static ServiceFact Service(ServiceType type, int minutes = 60, bool video = false, NoteState note = NoteState.Signed, DateOnly? licence = null, bool npi = true) =>
        new(Guid.NewGuid(), Guid.NewGuid(), null, type, type.ToString(), minutes, video, Guid.NewGuid(), "Avery Lindqvist, LPC", licence, npi, Guid.NewGuid(), note);

    private static DayFacts Facts(Payer payer, FeeSchedule? schedule, IReadOnlyList<ServiceFact> services, AuthFact? auth = null, bool part2 = false, bool consent = true, bool covered = true) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Day, part2, services, Counted, covered ? Guid.NewGuid() : null, covered ? payer : null, schedule, auth ?? new AuthFact(AuthState.NotNeeded), consent, Clinic);

    [Fact]
    public void A_Medicare_day_with_exactly_three_qualifying_services_is_the_three_service_tier()
    {
        var charge = Assert.Single(ChargeRules.Build(Facts(Medicare(), MedicareSchedule(),
            [Service(ServiceType.GroupTherapy), Service(ServiceType.GroupTherapy), Service(ServiceType.Psychoeducation), Service(ServiceType.CaseManagement, 30)])));
        Assert.Equal(ChargeKind.IopDay, charge.Kind);
        Assert.Equal(3, charge.Qualifying);
        Assert.Equal(260m, charge.Expected);
        Assert.Equal(150 + 150 + 120, charge.Amount);
        Assert.Equal(3, charge.Lines.Count); // case management does not qualify and is not on the IOP day
        Assert.All(charge.Lines, l => Assert.False(string.IsNullOrEmpty(l.RevenueCode)));
        Assert.Empty(charge.Holds);
    }

    [Fact]
    public void A_Medicare_day_with_five_qualifying_services_is_the_four_or_more_tier()
    {
        var charge = Assert.Single(ChargeRules.Build(Facts(Medicare(), MedicareSchedule(),
            [Service(ServiceType.GroupTherapy), Service(ServiceType.GroupTherapy), Service(ServiceType.Psychoeducation), Service(ServiceType.GroupTherapy), Service(ServiceType.IndividualTherapy, 45)])));
        Assert.Equal(5, charge.Qualifying);
        Assert.Equal(285m, charge.Expected);
        Assert.Equal(150 * 3 + 120 + 150, charge.Amount);
        Assert.Contains(charge.Lines, l => l.Code == "90834" && l.RevenueCode == "0914");
    }

    [Fact]
    public void A_Medicare_day_with_two_qualifying_services_is_held_below_the_minimum()
    {
        var charge = Assert.Single(ChargeRules.Build(Facts(Medicare(), MedicareSchedule(), [Service(ServiceType.GroupTherapy), Service(ServiceType.Psychoeducation)])));
        Assert.Null(charge.Expected);
        Assert.Contains(charge.Holds, h => h.Code == HoldReasons.BelowMinimum && h.Text.Contains("3 or more"));
    }

    [Theory]
    [InlineData(15, null)]
    [InlineData(16, "90832")]
    [InlineData(37, "90832")]
    [InlineData(38, "90834")]
    [InlineData(52, "90834")]
    [InlineData(53, "90837")]
    public void Per_service_individual_therapy_is_coded_by_the_minutes_attended(int minutes, string? code)
    {
        var payer = new Payer { Name = "Willamette", Kind = PayerKind.Commercial, ClaimType = ClaimType.Professional, Method = BillingMethod.PerService };
        var charges = ChargeRules.Build(Facts(payer, MedicareSchedule(), [Service(ServiceType.IndividualTherapy, minutes)]));
        Assert.Equal(code, charges.SingleOrDefault()?.Lines.Single().Code);
    }

    [Fact]
    public void A_video_service_carries_place_of_service_10_and_modifier_95()
    {
        var payer = new Payer { Name = "Willamette", Kind = PayerKind.Commercial, ClaimType = ClaimType.Professional, Method = BillingMethod.PerService };
        var charges = ChargeRules.Build(Facts(payer, MedicareSchedule(), [Service(ServiceType.GroupTherapy, video: true), Service(ServiceType.GroupTherapy)]));
        Assert.Equal(2, charges.Count);
        Assert.Contains(charges, c => c.Lines[0].PlaceOfService == "10" && c.Lines[0].Modifier == "95");
        Assert.Contains(charges, c => c.Lines[0].PlaceOfService == "11" && c.Lines[0].Modifier is null);
    }

    [Fact]
    public void A_per_diem_needs_the_payers_minimum_of_counted_minutes()
    {
        var payer = new Payer { Name = "Cascade", Kind = PayerKind.Commercial, ClaimType = ClaimType.Institutional, Method = BillingMethod.PerDiem, MinimumMinutesForPerDiem = 150 };
        var schedule = new FeeSchedule { Lines = [new() { Kind = FeeLineKind.PerDiem, Code = "S9480", RevenueCode = "0905", Rate = 350 }] };
        var full = Assert.Single(ChargeRules.Build(Facts(payer, schedule, [Service(ServiceType.GroupTherapy), Service(ServiceType.SkillsGroup), Service(ServiceType.Psychoeducation)])));
        Assert.Equal(ChargeKind.PerDiem, full.Kind);
        Assert.Equal(350m, full.Amount);
        Assert.Equal("S9480", full.Lines.Single().Code);
        Assert.Empty(full.Holds);
        // Case management does not count toward the day's minutes.
        var short_ = Assert.Single(ChargeRules.Build(Facts(payer, schedule, [Service(ServiceType.GroupTherapy), Service(ServiceType.CaseManagement, 60)])));
        Assert.Contains(short_.Holds, h => h.Code == HoldReasons.BelowMinimum && h.Text.Contains("60 minutes"));
    }

    [Fact]
    public void Each_reason_to_hold_is_named_in_words()
    {
        var payer = new Payer { Name = "Cascade", Kind = PayerKind.Commercial, ClaimType = ClaimType.Institutional, Method = BillingMethod.PerDiem, RequiresAuthorization = true };
        var schedule = new FeeSchedule { Lines = [new() { Kind = FeeLineKind.PerDiem, Code = "H0015", RevenueCode = "0906", Rate = 350 }] };
        HoldReason[] Holds(DayFacts d) => [.. Assert.Single(ChargeRules.Build(d)).Holds];

        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy, note: NoteState.Draft)])), h => h.Code == HoldReasons.NoteUnsigned && h.Text.Contains("not signed"));
        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy, note: NoteState.None)])), h => h.Code == HoldReasons.NoteUnsigned && h.Text.Contains("no note"));
        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy, note: NoteState.AwaitingCosignature)])), h => h.Code == HoldReasons.NoteNotCosigned);
        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy)], new AuthFact(AuthState.None))), h => h.Code == HoldReasons.NoAuthorization);
        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy)], new AuthFact(AuthState.UsedUp, null, "PA-1", "Authorization PA-1 allows 3 days."))),
            h => h.Code == HoldReasons.AuthorizationUsedUp && h.Text == "Authorization PA-1 allows 3 days.");
        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy)], covered: false)), h => h.Code == HoldReasons.NoCoverage);
        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy, licence: Day.AddDays(-1))])), h => h.Code == HoldReasons.LicenceExpired && h.Text.Contains("Avery Lindqvist"));
        Assert.DoesNotContain(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy, licence: Day)])), h => h.Code == HoldReasons.LicenceExpired);
        Assert.Contains(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy)], part2: true, consent: false)), h => h.Code == HoldReasons.Part2NoConsent && h.Text.Contains("Cascade"));
        Assert.DoesNotContain(Holds(Facts(payer, schedule, [Service(ServiceType.GroupTherapy)], part2: true, consent: true)), h => h.Code == HoldReasons.Part2NoConsent);
        Assert.Contains(Holds(Facts(payer, null, [Service(ServiceType.GroupTherapy)])), h => h.Code == HoldReasons.NoFeeSchedule);
    }

    [Fact]
    public void Only_authorization_and_minimum_holds_can_be_released()
    {
        Assert.True(HoldReasons.Releasable(HoldReasons.NoAuthorization));
        Assert.True(HoldReasons.Releasable(HoldReasons.AuthorizationUsedUp));
        Assert.True(HoldReasons.Releasable(HoldReasons.BelowMinimum));
        foreach (var code in new[] { HoldReasons.NoteUnsigned, HoldReasons.NoteNotCosigned, HoldReasons.NoCoverage, HoldReasons.LicenceExpired, HoldReasons.Part2NoConsent })
        {
            Assert.False(HoldReasons.Releasable(code));
            var charge = new Charge { Holds = [new(code, "x")], ReleasedAt = DateTimeOffset.UnixEpoch };
            Assert.True(charge.Blocked, code);
        }
    }

    [Fact]
    public void A_part2_consent_covers_only_the_payer_it_names_or_the_persons_own_plan_while_in_force()
    {
        DisclosureConsent Consent(string recipient, string purpose = "Payment for my treatment.", DateOnly? revoked = null) =>
            new() { Kind = ConsentKind.Part2, Recipient = recipient, Purpose = purpose, SignedOn = Day.AddDays(-10), ExpiresOn = Day.AddYears(1), RevokedOn = revoked };
        var medicare = Medicare();
        Assert.True(ChargeFacts.Part2Allows(Consent("Medicare"), medicare, Day));
        Assert.True(ChargeFacts.Part2Allows(Consent("My health plan"), medicare, Day));
        Assert.False(ChargeFacts.Part2Allows(Consent("Cascade Health Plan"), medicare, Day));
        Assert.False(ChargeFacts.Part2Allows(Consent("Medicare", purpose: "Coordination of care."), medicare, Day));
        Assert.False(ChargeFacts.Part2Allows(Consent("Medicare", revoked: Day.AddDays(-1)), medicare, Day));
        Assert.False(ChargeFacts.Part2Allows(Consent("Medicare"), medicare, Day.AddDays(-11)));
    }
}
