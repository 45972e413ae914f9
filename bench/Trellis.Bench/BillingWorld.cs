using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Staff;
using Trellis.Web.Infrastructure;

namespace Trellis.Bench;

/// <summary>
/// A clinic of 200 participants with a month of attended, documented care, built once into a SQLite file
/// (no demo): 10 tracks of 20, three one-hour groups on three days a week, a weekly individual session,
/// every note signed; half on Medicare (institutional, tiered IOP days), half on a commercial per-diem plan
/// with an authorization. Each iteration works on a fresh copy of the file.
/// </summary>
public sealed class BillingWorld : IDisposable
{
    public const int Participants = 200;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "trellis-bench-billing", Guid.NewGuid().ToString("N"));
    public string Template => Path.Combine(Directory, "template.db");
    public string Working => Path.Combine(Directory, "trellis.db");
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    private WebApplicationFactory<Program>? app;

    public void Build()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var (db, scope) = Open();
        using (scope) Seed(db).GetAwaiter().GetResult();
        CloseApp();
        File.Copy(Working, Template, overwrite: true);
    }

    /// <summary>The app over the working file; actions run as a billing specialist of every program.</summary>
    public (TrellisDbContext Context, IServiceScope Scope) OpenAsBilling()
    {
        var (db, scope) = Open();
        var programs = db.Programs.Select(p => p.Id).ToList();
        db.ActAs(CurrentUser.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Billing), .. programs.Select(p => new Claim(TrellisClaims.Program, p.ToString()))], "bench"))));
        return (db, scope);
    }

    /// <summary>A fresh copy of <paramref name="from"/>, with the app started on it (start-up is not what is measured).</summary>
    public void Reset(string from)
    {
        CloseApp();
        File.Copy(from, Working, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(Working + suffix);
        var (db, scope) = Open();
        using (scope) _ = db.Programs.Count();
    }

    private (TrellisDbContext Context, IServiceScope Scope) Open()
    {
        app ??= new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            // In process, the factory would look for the app beside Trellis.slnx rather than in src/.
            b.UseContentRoot(WebProject.Folder());
            b.UseEnvironment("Production");
            b.UseSetting("Trellis:DemoMode", "false");
            b.UseSetting("Trellis:DataDirectory", Directory);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Trellis", $"Data Source={Working}");
            b.UseSetting("Audit:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            b.UseSetting("Scheduling:GenerateInBackground", "false");
            b.ConfigureLogging(l => l.ClearProviders());
        });
        var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("bench"));
        return (db, scope);
    }

    public void Close() => CloseApp();


    private void CloseApp()
    {
        app?.Dispose();
        app = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private async Task Seed(TrellisDbContext db)
    {
        var org = new Organization { Name = "Bench Clinic", TimeZoneId = "America/Los_Angeles" };
        var program = new TreatmentProgram { OrganizationId = org.Id, Name = "Bench IOP", Population = Population.Adult, MinimumWeeklyHours = 9, TimeZoneId = org.TimeZoneId };
        db.AddRange(org, program);
        var staff = Enumerable.Range(0, 10).Select(i => new StaffMember
        {
            FirstName = "Clin" + i, LastName = "Ician", Email = $"c{i}@bench.test", CredentialType = "LCSW", LicenseExpiresOn = new DateOnly(2030, 1, 1),
        }).ToList();
        db.AddRange(staff);
        db.AddRange(staff.Select((s, i) => new RenderingProvider { StaffMemberId = s.Id, Npi = (1000000000 + i).ToString(), Taxonomy = "1041C0700X" }));
        var medicare = new Payer { Name = "Medicare", PayerId = "MCR", Kind = PayerKind.Medicare, ClaimType = ClaimType.Institutional, Method = BillingMethod.PerDiem, FilingIndicator = "MA", TiersByServiceCount = true };
        var plan = new Payer { Name = "Plan", PayerId = "PLN", Kind = PayerKind.Commercial, ClaimType = ClaimType.Institutional, Method = BillingMethod.PerDiem, FilingIndicator = "CI", MinimumMinutesForPerDiem = 150, RequiresAuthorization = true };
        db.AddRange(medicare, plan);
        To = new DateOnly(2026, 10, 31);
        From = new DateOnly(2026, 10, 1);
        var identity = new BillingIdentity
        {
            Name = "Bench Clinic", Npi = "1999999984", TaxId = "930000000", Taxonomy = "261QM0801X", AddressLine = "1 Main St", City = "Portland", State = "OR",
            PostalCode = "972050000", ContactName = "Bench", Phone = "5035550100", SubmitterId = "BENCH", ReceiverId = "CH", ReceiverName = "CH", ChargesFrom = From,
        };
        db.Add(new FeeSchedule
        {
            ProgramId = program.Id, PayerId = medicare.Id, EffectiveFrom = From.AddYears(-1), Lines =
            [
                new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.GroupTherapy, Code = "G0410", RevenueCode = "0915", Rate = 150, Qualifies = true },
                new() { Kind = FeeLineKind.Service, ServiceType = ServiceType.IndividualTherapy, MinMinutes = 53, Code = "90837", RevenueCode = "0914", Rate = 200, Qualifies = true },
                new() { Kind = FeeLineKind.IopTier3, Rate = 260 }, new() { Kind = FeeLineKind.IopTier4Plus, Rate = 285 },
            ],
        });
        db.Add(new FeeSchedule { ProgramId = program.Id, PayerId = plan.Id, EffectiveFrom = From.AddYears(-1), Lines = [new() { Kind = FeeLineKind.PerDiem, Code = "S9480", RevenueCode = "0905", Rate = 350 }] });
        var zone = ProgramClock.Zone(program.TimeZoneId);
        for (var t = 0; t < 10; t++)
        {
            var track = new Track { ProgramId = program.Id, Name = "Track " + t, Weekdays = Weekdays.Monday | Weekdays.Wednesday | Weekdays.Thursday, StartTime = new(9, 0), EndTime = new(12, 0), Capacity = 20 };
            db.Add(track);
            var people = Enumerable.Range(0, Participants / 10).Select(i =>
            {
                var n = t * 20 + i;
                var p = new Participant
                {
                    Mrn = "B" + n.ToString("D6"), LegalFirstName = "Pat" + n, LegalLastName = "Bench", DateOfBirth = new(1970, 1, 1), AddressLine = "2 Oak St", City = "Portland",
                    State = "OR", PostalCode = "97205", Status = ParticipantStatus.Active, ProgramId = program.Id, TrackId = track.Id, AdmittedOn = From.AddDays(-20),
                    PrimaryClinicianId = staff[t].Id,
                };
                p.Diagnoses.Add(new Diagnosis { ParticipantId = p.Id, Code = "F33.1", Description = "Major depressive disorder, recurrent, moderate", IsPrimary = true });
                var payer = n % 2 == 0 ? medicare : plan;
                db.Add(new PayerCoverage { ParticipantId = p.Id, PayerId = payer.Id, Rank = CoverageRank.Primary, MemberId = "M" + n, EffectiveFrom = From.AddYears(-1) });
                if (payer == plan)
                    db.Add(new InsuranceAuthorization { ParticipantId = p.Id, Payer = "Plan", MemberId = "M" + n, AuthorizationNumber = "PA" + n, Unit = AuthorizationUnit.Days, Authorized = 60, StartOn = From.AddDays(-20), EndOn = To.AddDays(30), Status = AuthorizationStatus.Approved });
                return p;
            }).ToList();
            db.AddRange(people);
            for (var day = From; day <= To; day = day.AddDays(1))
            {
                if (day.DayOfWeek is not (DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Thursday)) continue;
                for (var h = 0; h < 3; h++)
                {
                    var session = new GroupSession
                    {
                        ProgramId = program.Id, TrackId = track.Id, Title = "Group " + h, ServiceType = ServiceType.GroupTherapy, LocalDate = day, Capacity = 20,
                        StartsAt = ProgramClock.ToInstant(day, new(9 + h, 0), zone), EndsAt = ProgramClock.ToInstant(day, new(9 + h, 50), zone),
                    };
                    session.Facilitators.Add(new SessionFacilitator { GroupSessionId = session.Id, StaffMemberId = staff[t].Id });
                    db.Add(session);
                    var note = new GroupNote
                    {
                        GroupSessionId = session.Id, ProgramId = program.Id, ServiceDate = day, Topic = "Group", Summary = "Bench.", AuthorStaffId = staff[t].Id, AuthorName = "Clin",
                        Status = NoteStatus.Locked, SignedAt = DateTimeOffset.UtcNow, SignedByStaffId = staff[t].Id, SignedByName = "Clin",
                    };
                    db.Add(note);
                    foreach (var p in people)
                    {
                        db.Add(new AttendanceRecord { ParticipantId = p.Id, GroupSessionId = session.Id, Status = AttendanceStatus.Present, MinutesAttended = 50 });
                        db.Add(new ClinicalNote
                        {
                            ParticipantId = p.Id, Kind = NoteKind.Group, Format = NoteFormat.GroupPart, ServiceDate = day, GroupNoteId = note.Id, AuthorStaffId = staff[t].Id, AuthorName = "Clin",
                            Status = NoteStatus.Locked, SignedAt = DateTimeOffset.UtcNow, SignedByStaffId = staff[t].Id, SignedByName = "Clin", Sections = new() { ["participation"] = "Bench." },
                        });
                    }
                }
                // A weekly individual session on Wednesdays makes those Medicare days four services.
                if (day.DayOfWeek != DayOfWeek.Wednesday) continue;
                foreach (var p in people)
                {
                    var appt = new Appointment
                    {
                        ParticipantId = p.Id, StaffMemberId = staff[t].Id, ServiceType = ServiceType.IndividualTherapy, LocalDate = day,
                        StartsAt = ProgramClock.ToInstant(day, new(13, 0), zone), EndsAt = ProgramClock.ToInstant(day, new(14, 0), zone),
                    };
                    db.Add(appt);
                    db.Add(new AttendanceRecord { ParticipantId = p.Id, AppointmentId = appt.Id, Status = AttendanceStatus.Present, MinutesAttended = 60 });
                    db.Add(new ClinicalNote
                    {
                        ParticipantId = p.Id, Kind = NoteKind.Individual, Format = NoteFormat.Dap, ServiceDate = day, AppointmentId = appt.Id, Minutes = 60, AuthorStaffId = staff[t].Id,
                        AuthorName = "Clin", Status = NoteStatus.Locked, SignedAt = DateTimeOffset.UtcNow, SignedByStaffId = staff[t].Id, SignedByName = "Clin", Sections = new() { ["data"] = "Bench." },
                    });
                }
            }
        }
        // Billing is switched on (its identity saved) after the month is in place: the save hook charges
        // nothing yet, and the month's charges are exactly what the benchmark makes.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.SaveChangesAsync();
        db.Add(identity);
        await db.SaveChangesAsync();
    }

    public void Dispose()
    {
        CloseApp();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
