using Bogus;
using Microsoft.AspNetCore.Identity;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Demo;

/// <summary>
/// Seeds the fictional demo clinic "Cedar Grove Behavioral Health": two programs with a morning and
/// an evening track each, rooms, staff in every role and about forty participants in every status.
/// Every person is invented by Bogus from a fixed seed.
/// </summary>
public sealed class DemoSeeder(TrellisDbContext db, UserManager<TrellisUser> users, IEnumerable<IDemoData> features)
{
    public const string Password = "Trellis!demo1";
    public const int Seed = 20261130;
    /// <summary>The demo clinic's time zone: its "today" is the day there, as every page reads it.</summary>
    public const string ClinicZone = "America/Los_Angeles";
    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@demo.trellis.test";
    private string passwordHash = "";

    private static readonly (string Code, string Description, bool SubstanceUse)[] DiagnosisCatalog =
    [
        ("F33.1", "Major depressive disorder, recurrent, moderate", false),
        ("F32.2", "Major depressive disorder, single episode, severe without psychotic features", false),
        ("F41.1", "Generalized anxiety disorder", false),
        ("F43.10", "Post-traumatic stress disorder, unspecified", false),
        ("F31.81", "Bipolar II disorder", false),
        ("F60.3", "Borderline personality disorder", false),
        ("F41.0", "Panic disorder without agoraphobia", false),
        ("F10.20", "Alcohol dependence, uncomplicated", true),
        ("F11.20", "Opioid dependence, uncomplicated", true),
        ("F12.20", "Cannabis dependence, uncomplicated", true),
        ("F15.20", "Other stimulant dependence, uncomplicated", true),
        ("F14.20", "Cocaine dependence, uncomplicated", true),
    ];

    public async Task<string> SeedAsync(CancellationToken ct = default)
    {
        db.ActAs(AccessScope.System, Actor.System("demo"));
        // All or nothing, and one commit (one fsync) rather than one per save: a demo half made by
        // an interrupted start would never be completed, since seeding only runs on an empty database.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Thousands of records stay tracked while the demo is made. Each save still finds every
        // change (TrellisDbContext scans once per save); reads of the tracked records in between
        // (DbSet.Local) do not rescan them all.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var summary = await SeedAllAsync(ct);
            await transaction.CommitAsync(ct);
            return summary;
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = true; }
    }

    private async Task<string> SeedAllAsync(CancellationToken ct)
    {
        var demo = await SeedFoundationAsync(ct);
        SeedParticipants(demo);
        await db.SaveChangesAsync(ct);
        await SeedParticipantAccountAsync(demo);

        foreach (var feature in features.OrderBy(f => f.Order))
        {
            await feature.SeedAsync(demo, ct);
            await db.SaveChangesAsync(ct);
        }
        return $"{demo.Staff.Count} staff, {demo.Participants.Count} participants, {demo.Tracks.Count} tracks";
    }

    /// <summary>
    /// The clinic without participants: the organization, its two programs, tracks and rooms, and the staff with the demo
    /// accounts. The demo builds on it, and so does the large generated data set (<c>demo generate</c>).
    /// </summary>
    public async Task<DemoContext> SeedFoundationAsync(CancellationToken ct = default)
    {
        db.ActAs(AccessScope.System, Actor.System("demo"));
        var today = ProgramClock.Today(db.Now, ClinicZone);
        var faker = new Faker("en") { Random = new Randomizer(Seed) };
        var demo = new DemoContext(db, faker, today);

        SeedOrganization(demo);
        await db.SaveChangesAsync(ct);
        // One hash for every demo account: hashing is deliberately slow, and they share a password.
        passwordHash = users.PasswordHasher.HashPassword(new TrellisUser(), Password);
        await SeedStaffAsync(demo, ct);
        return demo;
    }

    private void SeedOrganization(DemoContext demo)
    {
        var org = demo.Organization = new Organization.Organization
        {
            Name = "Cedar Grove Behavioral Health", TimeZoneId = ClinicZone,
            Phone = "(503) 555-0142", Address = "2400 Alder Street, Suite 300, Portland, OR 97205",
        };
        db.Organizations.Add(org);
        demo.MentalHealth = new TreatmentProgram
        {
            OrganizationId = org.Id, Name = "Adult Mental Health IOP", Population = Population.Adult,
            MinimumWeeklyHours = 9, TimeZoneId = org.TimeZoneId,
            Description = "Group and individual therapy three days a week for adults living with depression, anxiety, trauma and mood disorders, with medication management and case management.",
        };
        demo.SubstanceUse = new TreatmentProgram
        {
            OrganizationId = org.Id, Name = "Substance Use IOP", Population = Population.Adult, IsPart2 = true,
            MinimumWeeklyHours = 9, TimeZoneId = org.TimeZoneId,
            Description = "Recovery-focused group therapy, relapse prevention and individual counseling for adults with alcohol or drug use disorders. Records are protected under 42 CFR Part 2.",
        };
        db.Programs.AddRange(demo.MentalHealth, demo.SubstanceUse);

        string[] roomNames = ["Willow Group Room", "Aspen Group Room", "Office 1", "Office 2", "Office 3"];
        foreach (var (name, i) in roomNames.Select((n, i) => (n, i)))
            demo.Rooms.Add(new Room { OrganizationId = org.Id, Name = name, Capacity = i < 2 ? 14 : 4, Location = i < 2 ? "Third floor" : "Third floor, east wing" });
        demo.Rooms.Add(new Room { OrganizationId = org.Id, Name = "Telehealth", IsTelehealth = true, Capacity = 15, TelehealthUrl = "https://telehealth.example.org/cedar-grove" });
        db.Rooms.AddRange(demo.Rooms);

        demo.Tracks.Add(NewTrack(demo.MentalHealth, "Morning", Weekdays.Monday | Weekdays.Wednesday | Weekdays.Thursday, 9, 12, demo.Rooms[0]));
        demo.Tracks.Add(NewTrack(demo.MentalHealth, "Evening", Weekdays.Monday | Weekdays.Tuesday | Weekdays.Thursday, 18, 21, demo.Rooms[0]));
        demo.Tracks.Add(NewTrack(demo.SubstanceUse, "Morning", Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Friday, 9, 12, demo.Rooms[1]));
        demo.Tracks.Add(NewTrack(demo.SubstanceUse, "Evening", Weekdays.Monday | Weekdays.Wednesday | Weekdays.Thursday, 18, 21, demo.Rooms[1]));
        db.Tracks.AddRange(demo.Tracks);
    }

    private static Track NewTrack(TreatmentProgram program, string name, Weekdays days, int from, int to, Room room) => new()
    {
        ProgramId = program.Id, Program = program, Name = name, Weekdays = days,
        StartTime = new TimeOnly(from, 0), EndTime = new TimeOnly(to, 0), Capacity = 12, DefaultRoomId = room.Id,
    };

    private async Task SeedStaffAsync(DemoContext demo, CancellationToken ct)
    {
        var f = demo.Faker;
        var mh = demo.MentalHealth.Id;
        var su = demo.SubstanceUse.Id;
        // (role, credential, programs, licence months ahead; negative = expired, null = no licence)
        var accounts = new (string Role, string? Credential, Guid[] Programs, int? LicenceMonths)[]
        {
            (Roles.Administrator, null, [], null),
            (Roles.ProgramDirector, "LCSW", [mh, su], 20),
            (Roles.Clinician, "LPC", [mh], 14),
            (Roles.Prescriber, "PMHNP", [mh], 1),
            (Roles.CaseManager, "CHW", [mh], null),
            (Roles.IntakeCoordinator, null, [mh, su], null),
        };
        var hash = passwordHash;
        foreach (var a in accounts)
        {
            var staff = NewStaff(f, demo, a.Credential, a.Programs, a.LicenceMonths);
            staff.Email = EmailFor(a.Role);
            demo.DemoStaff[a.Role] = staff;
            demo.StaffRoles[staff.Id] = a.Role;
            await AddAccountAsync(staff, [a.Role], hash);
        }
        // The rest of the team, without demo sign-ins of their own, including a licence that has
        // lapsed and a pre-licensed counsellor who needs co-signature, so the warnings show.
        var others = new (string Role, string Credential, Guid[] Programs, int? LicenceMonths, bool Supervised)[]
        {
            (Roles.Clinician, "LCSW", [mh], 30, false),
            (Roles.Clinician, "LMFT", [mh], -1, false),
            (Roles.Clinician, "CADC", [su], 18, false),
            (Roles.Clinician, "LPC-Associate", [su], 10, true),
            (Roles.Prescriber, "MD", [su], 26, false),
            (Roles.CaseManager, "BA", [su], null, false),
        };
        foreach (var o in others)
        {
            var staff = NewStaff(f, demo, o.Credential, o.Programs, o.LicenceMonths);
            staff.Email = $"{staff.FirstName}.{staff.LastName}@cedargrove.example.org".ToLowerInvariant().Replace("'", "");
            if (o.Supervised) { staff.RequiresSupervision = true; staff.SupervisorId = demo.DemoStaff[Roles.ProgramDirector].Id; }
            demo.StaffRoles[staff.Id] = o.Role;
            await AddAccountAsync(staff, [o.Role], hash);
        }
        await db.SaveChangesAsync(ct);
    }

    private static StaffMember NewStaff(Faker f, DemoContext demo, string? credential, Guid[] programs, int? licenceMonths)
    {
        var staff = new StaffMember
        {
            FirstName = f.Name.FirstName(), LastName = f.Name.LastName(), Phone = f.Phone.PhoneNumber("(503) 555-01##"),
            CredentialType = credential,
        };
        if (licenceMonths is { } months)
        {
            staff.LicenseNumber = f.Random.Replace("??-######").ToUpperInvariant();
            staff.LicenseState = "OR";
            staff.LicenseExpiresOn = demo.Today.AddMonths(months).AddDays(f.Random.Int(-10, 10));
        }
        staff.Programs.AddRange(programs.Select(p => new StaffProgramAssignment { StaffMemberId = staff.Id, ProgramId = p }));
        demo.Staff.Add(staff);
        return staff;
    }

    private async Task AddAccountAsync(StaffMember staff, string[] roles, string passwordHash)
    {
        db.Staff.Add(staff);
        var user = new TrellisUser
        {
            UserName = staff.Email, Email = staff.Email, EmailConfirmed = true, DisplayName = staff.FullName,
            StaffMemberId = staff.Id, CreatedAt = db.Now, PasswordHash = passwordHash,
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRolesAsync(user, roles));
        staff.UserId = user.Id;
    }

    private void SeedParticipants(DemoContext demo)
    {
        var f = demo.Faker;
        // Per program: how many in each status. About forty in all, every status present in both.
        var plan = new (ParticipantStatus Status, int MentalHealth, int SubstanceUse)[]
        {
            (ParticipantStatus.Inquiry, 2, 2), (ParticipantStatus.Screening, 2, 1), (ParticipantStatus.Waitlisted, 1, 2),
            (ParticipantStatus.Admitted, 2, 1), (ParticipantStatus.Active, 10, 8), (ParticipantStatus.OnHold, 1, 1),
            (ParticipantStatus.Discharged, 3, 3),
        };
        string[] pronouns = ["she/her", "he/him", "they/them"];
        foreach (var (status, mhCount, suCount) in plan)
        {
            foreach (var (program, count) in new[] { (demo.MentalHealth, mhCount), (demo.SubstanceUse, suCount) })
            {
                for (var i = 0; i < count; i++)
                {
                    var sex = f.PickRandom<Bogus.DataSets.Name.Gender>();
                    var first = f.Name.FirstName(sex);
                    var last = f.Name.LastName();
                    var p = new Participant
                    {
                        Mrn = "TR" + f.Random.Int(100000, 999999),
                        LegalFirstName = first, LegalLastName = last,
                        // Some go by another name than their legal one.
                        PreferredName = f.Random.Bool(0.15f) ? f.Name.FirstName() : null,
                        Pronouns = f.Random.Bool(0.85f) ? (sex == Bogus.DataSets.Name.Gender.Female ? pronouns[0] : pronouns[f.Random.Bool(0.1f) ? 2 : 1]) : null,
                        DateOfBirth = DateOnly.FromDateTime(f.Date.Between(new DateTime(1962, 1, 1), new DateTime(2004, 12, 31))),
                        // From the name already drawn, not a new draw: the values after it stay as they were.
                        AdministrativeGender = sex == Bogus.DataSets.Name.Gender.Female ? AdministrativeGender.Female : AdministrativeGender.Male,
                        Email = f.Internet.Email(first, last, "example.org").ToLowerInvariant(),
                        Phone = f.Phone.PhoneNumber("(503) 555-0###"),
                        AddressLine = f.Address.StreetAddress(), City = f.PickRandom("Portland", "Beaverton", "Gresham", "Milwaukie", "Tigard"),
                        State = "OR", PostalCode = f.Random.Replace("972##"),
                        EmergencyContactName = f.Name.FullName(), EmergencyContactRelationship = f.PickRandom("Spouse", "Partner", "Parent", "Sibling", "Friend"),
                        EmergencyContactPhone = f.Phone.PhoneNumber("(503) 555-0###"),
                        Status = status, ProgramId = program.Id,
                    };
                    PlaceInTime(demo, p, program, f);
                    AddDiagnoses(p, program, f, demo.Today);
                    db.Participants.Add(p);
                    demo.Participants.Add(p);
                }
            }
        }
        AssignCareTeams(demo);
        AddLanguages(demo);
        demo.DemoParticipant = demo.Participants.First(p => p.Status == ParticipantStatus.Active && p.ProgramId == demo.MentalHealth.Id);
        var mrns = new HashSet<string>();
        foreach (var p in demo.Participants)
            while (!mrns.Add(p.Mrn)) p.Mrn = "TR" + f.Random.Int(100000, 999999);
    }

    /// <summary>
    /// Preferred languages, drawn from a randomizer of their own so that adding them shifted none of the values the
    /// demo's main sequence draws (tests read those): most English, some Spanish (several needing an interpreter), a
    /// few Vietnamese or Russian, some not recorded.
    /// </summary>
    private static void AddLanguages(DemoContext demo)
    {
        var r = new Randomizer(Seed + 12);
        foreach (var p in demo.Participants)
        {
            var roll = r.Number(0, 99);
            (p.PreferredLanguage, p.InterpreterNeeded) = roll switch
            {
                < 10 => ("es", true),
                < 16 => ("es", false),
                < 18 => ("vi", true),
                < 20 => ("ru", true),
                < 85 => ("en", false),
                _ => ((string?)null, false),
            };
        }
    }

    /// <summary>
    /// Everyone past screening gets a clinician, case manager and prescriber from their program's staff;
    /// the demo accounts carry most of the Adult Mental Health caseload so their lists are full.
    /// </summary>
    private static void AssignCareTeams(DemoContext demo)
    {
        var f = demo.Faker;
        foreach (var p in demo.Participants.Where(p => p.AdmittedOn is not null || p.Status == ParticipantStatus.Waitlisted))
        {
            var team = demo.Staff.Where(s => s.Programs.Any(a => a.ProgramId == p.ProgramId)).ToList();
            StaffMember? Pick(string role) =>
                demo.DemoStaff.TryGetValue(role, out var d) && d.Programs.Any(a => a.ProgramId == p.ProgramId) && f.Random.Bool(0.7f) ? d
                : team.Where(s => demo.RolesOf(s).Contains(role)).OrderBy(_ => f.Random.Int()).FirstOrDefault();
            p.PrimaryClinicianId = Pick(Roles.Clinician)?.Id;
            p.CaseManagerId = Pick(Roles.CaseManager)?.Id;
            p.PrescriberId = Pick(Roles.Prescriber)?.Id;
        }
    }

    /// <summary>Admission and discharge dates, track, enrollment and level-of-care history that fit the status.</summary>
    private static void PlaceInTime(DemoContext demo, Participant p, TreatmentProgram program, Faker f)
    {
        if (p.Status is ParticipantStatus.Inquiry or ParticipantStatus.Screening or ParticipantStatus.Waitlisted) return;
        var tracks = demo.Tracks.Where(t => t.ProgramId == program.Id).ToList();
        var track = f.PickRandom(tracks);
        p.TrackId = track.Id;
        var weeksAgo = p.Status switch
        {
            ParticipantStatus.Admitted => 0,
            ParticipantStatus.Discharged => f.Random.Int(9, 16),
            _ => f.Random.Int(1, 7),
        };
        p.AdmittedOn = demo.Today.AddDays(-7 * weeksAgo - f.Random.Int(0, 4));
        if (p.Status == ParticipantStatus.Discharged) p.DischargedOn = p.AdmittedOn.Value.AddDays(f.Random.Int(35, 56));
        p.Enrollments.Add(new Enrollment
        {
            ParticipantId = p.Id, ProgramId = program.Id, TrackId = track.Id, StartedOn = p.AdmittedOn.Value,
            EndedOn = p.DischargedOn, EndReason = p.DischargedOn is null ? null : "discharged",
        });
        // Where they came from: stepping down from a hospital stay, or up from weekly therapy.
        var from = f.PickRandom(LevelOfCare.Inpatient, LevelOfCare.PartialHospitalization, LevelOfCare.Outpatient, LevelOfCare.Outpatient);
        p.LevelOfCareHistory.Add(new LevelOfCareChange
        {
            ParticipantId = p.Id, EffectiveOn = p.AdmittedOn.Value, FromLevel = from, ToLevel = LevelOfCare.IntensiveOutpatient,
            Rationale = from == LevelOfCare.Outpatient
                ? "Symptoms not controlled with weekly outpatient therapy; needs at least 9 hours a week of structured treatment while continuing to work."
                : "Stable enough to step down; continues to need structured treatment several days a week to consolidate gains.",
            DecidedByName = demo.DemoStaff[Roles.ProgramDirector].DisplayName, DecidedByStaffId = demo.DemoStaff[Roles.ProgramDirector].Id,
        });
        if (p.DischargedOn is { } d)
            p.LevelOfCareHistory.Add(new LevelOfCareChange
            {
                ParticipantId = p.Id, EffectiveOn = d, FromLevel = LevelOfCare.IntensiveOutpatient, ToLevel = LevelOfCare.Outpatient,
                Rationale = "Met treatment plan goals; stepping down to weekly outpatient therapy and an alumni group.",
                DecidedByName = demo.DemoStaff[Roles.ProgramDirector].DisplayName,
            });
    }

    private static void AddDiagnoses(Participant p, TreatmentProgram program, Faker f, DateOnly today)
    {
        var pool = DiagnosisCatalog.Where(d => d.SubstanceUse == program.IsPart2).ToList();
        var primary = f.PickRandom(pool);
        p.Diagnoses.Add(new Diagnosis { ParticipantId = p.Id, Code = primary.Code, Description = primary.Description, IsPrimary = true, DiagnosedOn = p.AdmittedOn ?? today });
        if (f.Random.Bool(0.6f))
        {
            // A co-occurring condition from the other list is common in both programs.
            var second = f.PickRandom(DiagnosisCatalog.Where(d => d.Code != primary.Code).ToList());
            p.Diagnoses.Add(new Diagnosis { ParticipantId = p.Id, Code = second.Code, Description = second.Description, DiagnosedOn = p.AdmittedOn ?? today });
        }
    }

    private async Task SeedParticipantAccountAsync(DemoContext demo)
    {
        var p = demo.DemoParticipant;
        p.Email = EmailFor(Roles.Participant);
        var user = new TrellisUser
        {
            UserName = p.Email, Email = p.Email, EmailConfirmed = true, DisplayName = p.DisplayName, ParticipantId = p.Id,
            CreatedAt = db.Now, PasswordHash = passwordHash,
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Participant));
        await db.SaveChangesAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Demo data: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
