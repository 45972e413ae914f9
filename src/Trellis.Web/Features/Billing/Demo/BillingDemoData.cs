using System.Security.Claims;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Actions;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Billing.Demo;

/// <summary>
/// The demo clinic's revenue cycle: the billing specialist's account, the billing identity, five payers
/// (Medicare, a Medicaid plan, two commercial plans, self-pay) with fee schedules, a coverage for every
/// current participant (two dual eligibles with Medicaid second to Medicare), four weeks of charges from the demo's attendance (some held for each reason),
/// claims sent and answered by 835s with one denial to work, and balances. Runs after attendance, notes,
/// authorizations and consents exist; its own seeded Faker keeps other features' demo data where it was.
/// </summary>
public sealed class BillingDemoData(UserManager<TrellisUser> users) : IDemoData
{
    public int Order => 400;
    public const int Weeks = 4;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var db = demo.Db;
        var f = new Faker("en") { Random = new Randomizer(DemoSeeder.Seed + 9) };
        var today = ProgramClock.Today(db.Now, demo.Organization.TimeZoneId);
        var specialist = await AddSpecialistAsync(demo, f);
        db.Add(new BillingIdentity
        {
            Name = "Cedar Grove Behavioral Health", Npi = DemoNpis.Make(1), TaxId = "930000142", Taxonomy = "261QM0801X", AddressLine = "2400 Alder Street, Suite 300",
            City = "Portland", State = "OR", PostalCode = "972051207", ContactName = specialist.FullName, Phone = "5035550142", SubmitterId = "CEDARGROVE",
            ReceiverId = "CLEARDEMO", ReceiverName = "Demo Clearinghouse", UsageIndicator = "T", FacilityTypeCode = "13", PlaceOfService = "11",
            TelehealthPlaceOfService = "10", ChargesFrom = today.AddDays(-7 * Weeks),
        });
        var payers = DemoFees.Payers();
        db.AddRange(payers.All);
        foreach (var program in new[] { demo.MentalHealth, demo.SubstanceUse })
        {
            db.AddRange(DemoFees.Schedules(program, payers, today.AddDays(-7 * Weeks - 90)));
            db.Add(DemoFees.Scale(program.Id));
        }
        var n = 10;
        foreach (var s in demo.Staff.Where(s => s.CredentialType is not null && demo.RolesOf(s).Any(r => r is Roles.Clinician or Roles.Prescriber or Roles.ProgramDirector or Roles.CaseManager)))
            db.Add(new RenderingProvider { StaffMemberId = s.Id, Npi = DemoNpis.Make(n++), Taxonomy = DemoNpis.Taxonomy(s.CredentialType!) });
        await db.SaveChangesAsync(ct);
        await AddCoveragesAsync(demo, f, payers, today, ct);
        await db.SaveChangesAsync(ct);

        // Billing acts as the specialist from here: the actions check who may, as they do for a person.
        db.ActAs(CurrentUser.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, specialist.Email), new Claim(ClaimTypes.Role, Roles.Billing),
             new Claim(TrellisClaims.Staff, specialist.Id.ToString()), new Claim(TrellisClaims.DisplayName, specialist.FullName),
             new Claim(TrellisClaims.Program, demo.MentalHealth.Id.ToString()), new Claim(TrellisClaims.Program, demo.SubstanceUse.Id.ToString())], "demo"))));
        try { await RunCycleAsync(demo, f, today, ct); }
        finally { db.ActAs(AccessScope.System, Actor.System("demo")); }
    }

    private async Task<StaffMember> AddSpecialistAsync(DemoContext demo, Faker f)
    {
        var staff = new StaffMember
        {
            FirstName = f.Name.FirstName(), LastName = f.Name.LastName(), Phone = "(503) 555-0150", Email = DemoSeeder.EmailFor(Roles.Billing),
            Programs = [new() { ProgramId = demo.MentalHealth.Id }, new() { ProgramId = demo.SubstanceUse.Id }],
        };
        foreach (var a in staff.Programs) a.StaffMemberId = staff.Id;
        demo.Db.Staff.Add(staff);
        var user = new TrellisUser
        {
            UserName = staff.Email, Email = staff.Email, EmailConfirmed = true, DisplayName = staff.FullName, StaffMemberId = staff.Id, CreatedAt = demo.Db.Now,
            PasswordHash = users.PasswordHasher.HashPassword(new TrellisUser(), DemoSeeder.Password),
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Billing));
        staff.UserId = user.Id;
        demo.StaffRoles[staff.Id] = Roles.Billing;
        demo.DemoStaff[Roles.Billing] = staff;
        return staff;
    }

    /// <summary>
    /// Each current participant is covered by the plan their authorization names (same member id), so the
    /// authorization matches; the others by Medicare or self-pay. A few are made to show a hold: one covered
    /// only from ten days ago, one whose plan has no authorization on file, one whose authorization is short.
    /// </summary>
    private static async Task AddCoveragesAsync(DemoContext demo, Faker f, DemoFees.DemoPayers payers, DateOnly today, CancellationToken ct)
    {
        var db = demo.Db;
        var auths = await db.Set<InsuranceAuthorization>().AsNoTracking().Where(a => a.Status == AuthorizationStatus.Approved).OrderBy(a => a.StartOn).ToListAsync(ct);
        var current = demo.Participants.Where(p => p.AdmittedOn is not null && p.Status is ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold)
            .OrderBy(p => p.Mrn).ToList();
        var intake = demo.DemoStaff[Roles.IntakeCoordinator].DisplayName;
        var i = 0;
        foreach (var p in current)
        {
            var auth = auths.FirstOrDefault(a => a.ParticipantId == p.Id);
            var payer = auth is null ? null : payers.ByName(auth.Payer);
            var from = p.AdmittedOn!.Value.AddDays(-30);
            PayerCoverage coverage;
            if (payer is not null) coverage = Covered(p, payer, auth!.MemberId, from);
            else if (i++ % 2 == 0) coverage = Covered(p, payers.Medicare, f.Random.Replace("#??#-??#-??##").ToUpperInvariant(), from);
            else
            {
                coverage = Covered(p, payers.SelfPay, null, from);
                coverage.Rank = CoverageRank.SelfPay;
                coverage.HouseholdSize = f.Random.Int(1, 4);
                coverage.AnnualIncome = f.Random.Int(18, 60) * 1000;
            }
            coverage.Sex = f.PickRandom("F", "M", "U");
            coverage.VerifiedOn = p.AdmittedOn;
            coverage.VerifiedBy = intake;
            db.Add(coverage);
        }
        var active = current.Where(p => p.Status == ParticipantStatus.Active && p.AdmittedOn < today.AddDays(-7 * Weeks)).ToList();
        // Covered only from ten days ago: the days before are held for no coverage.
        if (active.ElementAtOrDefault(0) is { } late)
            foreach (var c in db.ChangeTracker.Entries<PayerCoverage>().Where(e => e.Entity.ParticipantId == late.Id)) c.Entity.EffectiveFrom = today.AddDays(-10);
        // A plan that needs an authorization, with none on file for it.
        if (active.ElementAtOrDefault(1) is { } noAuth)
            foreach (var c in db.ChangeTracker.Entries<PayerCoverage>().Where(e => e.Entity.ParticipantId == noAuth.Id))
            { c.Entity.PayerId = payers.Willamette.Id; c.Entity.Rank = CoverageRank.Primary; c.Entity.MemberId = "WMH" + f.Random.Replace("########"); c.Entity.HouseholdSize = null; c.Entity.AnnualIncome = null; }
        // Three days authorized, so the days after are held as used up.
        if (active.ElementAtOrDefault(2) is { } shortAuth)
        {
            foreach (var c in db.ChangeTracker.Entries<PayerCoverage>().Where(e => e.Entity.ParticipantId == shortAuth.Id))
            { c.Entity.PayerId = payers.Medicaid.Id; c.Entity.Rank = CoverageRank.Primary; c.Entity.MemberId = "EMC" + f.Random.Replace("#########"); c.Entity.HouseholdSize = null; c.Entity.AnnualIncome = null; }
            db.Add(new InsuranceAuthorization
            {
                ParticipantId = shortAuth.Id, Payer = payers.Medicaid.Name, MemberId = "", AuthorizationNumber = "PA-" + f.Random.Replace("######"), Unit = AuthorizationUnit.Days,
                Authorized = 3, StartOn = today.AddDays(-7 * Weeks), EndOn = today.AddDays(30), Status = AuthorizationStatus.Approved,
                Notes = "Initial three days while the concurrent review is pending.",
            });
        }
        // Dual eligible: Medicare first, the Medicaid plan second. Medicare's coinsurance is billed on to Medicaid
        // as a secondary claim when Medicare's 835 is posted (coordination of benefits). The Medicaid eligibility
        // ended at a redetermination ten days ago, so the later claims' shares go to the participant's account.
        var special = new[] { active.ElementAtOrDefault(0), active.ElementAtOrDefault(1), active.ElementAtOrDefault(2) }.Where(p => p is not null).Select(p => p!.Id).ToHashSet();
        var medicare = db.ChangeTracker.Entries<PayerCoverage>().Select(e => e.Entity)
            .Where(c => c.PayerId == payers.Medicare.Id && c.Rank == CoverageRank.Primary && !special.Contains(c.ParticipantId)).ToDictionary(c => c.ParticipantId);
        foreach (var p in current.Where(p => medicare.ContainsKey(p.Id)).Take(2))
        {
            var primary = medicare[p.Id];
            var secondary = Covered(p, payers.Medicaid, "EMC" + f.Random.Replace("#########"), primary.EffectiveFrom);
            secondary.Rank = CoverageRank.Secondary;
            secondary.EffectiveTo = today.AddDays(-10);
            secondary.Sex = primary.Sex;
            secondary.VerifiedOn = p.AdmittedOn;
            secondary.VerifiedBy = intake;
            db.Add(secondary);
        }
    }

    private static PayerCoverage Covered(Participant p, Payer payer, string? member, DateOnly from) => new()
    {
        ParticipantId = p.Id, PayerId = payer.Id, Rank = CoverageRank.Primary, MemberId = member, Relationship = SubscriberRelationship.Self, EffectiveFrom = from,
        GroupNumber = payer.Kind == PayerKind.Commercial ? "GRP" + (Math.Abs(p.Mrn.GetHashCode()) % 90000 + 10000) : null,
    };

    /// <summary>Charges for the four weeks; documented days billed in two batches, the first answered by each payer's 835 (one denial left to work), the second awaiting answer.</summary>
    private static async Task RunCycleAsync(DemoContext demo, Faker f, DateOnly today, CancellationToken ct)
    {
        var db = demo.Db;
        var from = today.AddDays(-7 * Weeks);
        Expect(await GenerateCharges.RunAsync(db, new PeriodInput { From = from, To = today }, ct));
        // A retro authorization confirmed by phone: the specialist releases those days.
        foreach (var held in (await db.Set<Charge>().Where(c => c.Status == ChargeStatus.Held).ToListAsync(ct))
                     .Where(c => c.Holds.All(h => h.Code == HoldReasons.NoAuthorization)).Take(2))
            Expect(await ReleaseCharge.RunAsync(db, held.Id, new ReleaseInput { Reason = "Retro authorization confirmed by phone with the plan's reviewer; reference on the call log." },
                ETags.Expected.Of(held.Version), ct));
        // The clinical demo documents the last two weeks only, so the older days wait for notes; the documented
        // days are billed twice: the first batch answered by each payer's 835, the second still out.
        Expect(await BuildClaims.RunAsync(db, new BuildClaimsInput { From = from, To = today.AddDays(-10) }, ct));
        Expect(await SendClaims.RunAsync(db, new SendClaimsInput(), ct));
        foreach (var era in await DemoRemittances.ForSentAsync(db, f, today.AddDays(-2), ct))
            Expect(await PostRemittance.RunAsync(db, era, ct));
        // Billed since and not yet answered (Medicare's as continuing interim claims): open receivables. A whole
        // week, so that every weekday the demo is seeded on leaves program days in it (four days once held only a Monday).
        Expect(await BuildClaims.RunAsync(db, new BuildClaimsInput { From = today.AddDays(-9), To = today.AddDays(-3) }, ct));
        Expect(await SendClaims.RunAsync(db, new SendClaimsInput(), ct));
        var owing = await db.Set<Accounts.AccountEntry>().Where(e => e.Amount > 0).Select(e => e.ParticipantId).FirstOrDefaultAsync(ct);
        if (owing != Guid.Empty)
            Expect(await RecordPayment.RunAsync(db, owing, new Accounts.PaymentInput { Amount = 20m, PaidOn = today.AddDays(-1), Method = "card", Reference = "R-" + f.Random.Replace("####") }, ct));
    }

    private static void Expect<T>(Result<T> result)
    {
        if (result.Refusal is { } r) throw new InvalidOperationException($"Billing demo: {r.Title}: {r.Detail}");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Billing demo: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
