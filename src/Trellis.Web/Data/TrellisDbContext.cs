using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Data;

/// <summary>
/// The one context of the app. Each database has a subclass only so that each keeps its own
/// migration set (SqliteTrellisDbContext, PostgresTrellisDbContext); code always asks for this type.
/// </summary>
public abstract partial class TrellisDbContext : IdentityDbContext<TrellisUser>, IDataProtectionKeyContext
{
    public const string ScopeFilter = "Scope";
    public const string SoftDeleteFilter = "SoftDelete";

    private readonly ContextServices services;
    private CurrentUser? me, actingAs;
    private AccessScope? scope;
    private Actor? actor;

    protected TrellisDbContext(DbContextOptions options, ContextServices services) : base(options)
    {
        this.services = services;
    }

    public DbSet<Organization> Organizations => Set<Organization>();

    /// <summary>
    /// The deployment's organization: one clinic per deployment (programs, rooms and staff all belong to it). Ordered,
    /// so "the first" is always the same row and EF Core has no reason to warn that it is not.
    /// </summary>
    public IQueryable<Organization> Clinic => Organizations.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id);
    public DbSet<TreatmentProgram> Programs => Set<TreatmentProgram>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<StaffProgramAssignment> StaffProgramAssignments => Set<StaffProgramAssignment>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Diagnosis> Diagnoses => Set<Diagnosis>();
    public DbSet<LevelOfCareChange> LevelOfCareChanges => Set<LevelOfCareChange>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Features.Tasks.CareTask> Tasks => Set<Features.Tasks.CareTask>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Scheduling.GroupSession> GroupSessions => Set<Features.Scheduling.GroupSession>();
    public DbSet<Features.Scheduling.Appointment> Appointments => Set<Features.Scheduling.Appointment>();
    public DbSet<Features.Scheduling.AttendanceRecord> Attendance => Set<Features.Scheduling.AttendanceRecord>();
    public DbSet<Features.Instruments.InstrumentAdministration> InstrumentAdministrations => Set<Features.Instruments.InstrumentAdministration>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Features.Mail.OutboxMessage> Outbox => Set<Features.Mail.OutboxMessage>();
    public DbSet<Features.Messages.SecureMessage> Messages => Set<Features.Messages.SecureMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// What the clinic publishes to anyone, signed in or not (its public pages and the inquiry form):
    /// programs with their tracks' names, days and times. The only reading of programs past the scope.
    /// </summary>
    public IQueryable<TreatmentProgram> PublishedPrograms => Programs.IgnoreQueryFilters([ScopeFilter]);

    public TimeProvider Clock => services.Clock;
    public DateTimeOffset Now => services.Clock.GetUtcNow();
    /// <summary>
    /// The reliable-change thresholds every score comparison uses (configured under Trellis:Outcomes:ReliableChange),
    /// here because every screen that compares scores already holds the context.
    /// </summary>
    public Features.Instruments.ReliableChangeThresholds ReliableChangeThresholds => services.Thresholds;

    /// <summary>
    /// Who is calling: the request's signed-in person, or whoever <see cref="ActAs"/> named. Re-read when
    /// the request's principal changes (the session check signs the caller in after the context may
    /// already have served it), so a scope is never kept from before authentication.
    /// </summary>
    public CurrentUser Me
    {
        get
        {
            if (actingAs is not null) return actingAs;
            var http = services.Http?.HttpContext;
            if (me is null || !ReferenceEquals(me.Principal, http?.User)) me = CurrentUser.From(http);
            return me;
        }
    }

    /// <summary>The caller's scope; read by the query filters on every query.</summary>
    public AccessScope Scope => scope ?? Me.Scope;
    public Actor Actor => actor ?? Me.Actor;

    /// <summary>Acts as someone other than the HTTP caller: start-up work, CLI commands, background jobs.</summary>
    public TrellisDbContext ActAs(CurrentUser user)
    {
        actingAs = user;
        scope = null;
        actor = null;
        return this;
    }

    /// <summary>Acts with an explicit scope and audit actor (tests and system work that name both).</summary>
    public TrellisDbContext ActAs(AccessScope newScope, Actor newActor)
    {
        actingAs = newScope.All && newActor.UserId is null ? CurrentUser.System(newActor.UserName?.Replace("system:", "") ?? "system") : null;
        scope = newScope;
        actor = newActor;
        return this;
    }

    // The query filters reference these members of the context instance, so EF Core evaluates them
    // for each query of each context rather than baking one caller's scope into the cached model.
    private bool ScopeAll => Scope.All;
    private Guid[] ScopeProgramIds => Scope.ProgramIds;
    private Guid? ScopeParticipantId => Scope.ParticipantId;
    private Guid[] ScopeReadablePrograms => Scope.ReadablePrograms;
    private bool ScopeSeesClinicWide => Scope.SeesClinicWide;
    private Guid[] ScopeCharts => Scope.Charts;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity's passkey table (its schema version 3), mapped here rather than through IdentityOptions.Stores.SchemaVersion:
        // that setting is read from the app's services, which the design-time factories and the CLI's contexts do not have,
        // so the model would differ by how the context was made. Versions 1–2 of the other tables stay as they are.
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>(b =>
        {
            b.HasKey(p => p.CredentialId);
            b.ToTable("AspNetUserPasskeys");
            b.Property(p => p.CredentialId).HasMaxLength(1024);
            b.Property(p => p.UserId).HasMaxLength(450);
            b.HasIndex(p => p.UserId);
            b.OwnsOne(p => p.Data).ToJson();
            b.HasOne<TrellisUser>().WithMany().HasForeignKey(p => p.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(TrellisDbContext).Assembly);
        builder.UseOpenIddict(); // the SMART authorization server's stores (Features/Smart)

        foreach (var type in builder.Model.GetEntityTypes().ToList())
        {
            if (type.IsOwned()) continue;
            if (typeof(Entity).IsAssignableFrom(type.ClrType))
                builder.Entity(type.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
            foreach (var property in type.GetProperties())
            {
                // Enums are stored by name: readable in the database and safe when members are reordered.
                var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (clr.IsEnum && !clr.IsDefined(typeof(FlagsAttribute), false) && property.GetValueConverter() is null)
                {
                    property.SetProviderClrType(typeof(string));
                    property.SetMaxLength(40);
                }
            }
        }

        builder.Entity<Participant>().HasQueryFilter(ScopeFilter,
            p => ScopeAll || ScopeProgramIds.Contains(p.ProgramId) || p.Id == ScopeParticipantId || ScopeCharts.Contains(p.Id));
        builder.Entity<Participant>().HasQueryFilter(SoftDeleteFilter, p => !p.IsDeleted);

        var apply = typeof(TrellisDbContext).GetMethod(nameof(ApplyChartFilters), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IParticipantOwned).IsAssignableFrom(t.ClrType) && t.ClrType != typeof(Participant)).ToList())
            apply.MakeGenericMethod(type.ClrType).Invoke(this, [builder]);

        // Program-owned records: the programs a staff member works in, and (for the program's facts)
        // a participant's own program. A record with no program belongs to the whole clinic.
        builder.Entity<TreatmentProgram>().HasQueryFilter(ScopeFilter, p => ScopeAll || ScopeReadablePrograms.Contains(p.Id));
        var program = typeof(TrellisDbContext).GetMethod(nameof(ApplyProgramFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var clinicWide = typeof(TrellisDbContext).GetMethod(nameof(ApplyClinicWideFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var type in builder.Model.GetEntityTypes().Where(t => !t.IsOwned()).ToList())
        {
            if (typeof(IProgramOwned).IsAssignableFrom(type.ClrType))
                program.MakeGenericMethod(type.ClrType).Invoke(this, [builder, typeof(IProgramFact).IsAssignableFrom(type.ClrType)]);
            else if (typeof(IClinicOrProgramOwned).IsAssignableFrom(type.ClrType))
                clinicWide.MakeGenericMethod(type.ClrType).Invoke(this, [builder, typeof(IProgramFact).IsAssignableFrom(type.ClrType)]);
        }
    }

    private void ApplyProgramFilter<T>(ModelBuilder builder, bool fact) where T : class, IProgramOwned
    {
        Expression<Func<T, bool>> scoped = fact
            ? e => ScopeAll || ScopeReadablePrograms.Contains(e.ProgramId)
            : e => ScopeAll || ScopeProgramIds.Contains(e.ProgramId);
        builder.Entity<T>().HasQueryFilter(ScopeFilter, scoped);
    }

    private void ApplyClinicWideFilter<T>(ModelBuilder builder, bool fact) where T : class, IClinicOrProgramOwned
    {
        Expression<Func<T, bool>> scoped = fact
            ? e => ScopeAll || (e.ProgramId == null ? ScopeReadablePrograms.Length > 0 : ScopeReadablePrograms.Contains(e.ProgramId.Value))
            : e => ScopeAll || (e.ProgramId == null ? ScopeSeesClinicWide : ScopeProgramIds.Contains(e.ProgramId.Value));
        builder.Entity<T>().HasQueryFilter(ScopeFilter, scoped);
    }

    /// <summary>
    /// Every record of a chart gets the participant's scope and soft-delete rules, written out in
    /// its own filter so that no query of a related record can reach a chart its caller cannot.
    /// </summary>
    private void ApplyChartFilters<T>(ModelBuilder builder) where T : class, IParticipantOwned
    {
        Expression<Func<T, bool>> scoped = e => ScopeAll || ScopeProgramIds.Contains(e.Participant!.ProgramId) || e.ParticipantId == ScopeParticipantId
            || ScopeCharts.Contains(e.ParticipantId);
        Expression<Func<T, bool>> live = e => !e.Participant!.IsDeleted;
        builder.Entity<T>().HasQueryFilter(ScopeFilter, scoped);
        builder.Entity<T>().HasQueryFilter(SoftDeleteFilter, live);
    }
}
