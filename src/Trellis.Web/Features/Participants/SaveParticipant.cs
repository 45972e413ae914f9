using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Participants;

/// <summary>Creating and changing a participant: the checks that need the database, and the change itself.</summary>
public static class SaveParticipant
{
    /// <summary>
    /// Every reason the input cannot be saved, at once: its own rules (<see cref="Validation"/>), then what only
    /// the database knows (program in the caller's scope, track of that program, care team, unused MRN) for
    /// fields that passed their own rules. Null when it can be saved.
    /// </summary>
    public static async Task<Refusal?> CheckAsync(TrellisDbContext db, ParticipantInput input, Guid? existingId, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        void Add(string field, string message) => errors.TryAdd(field, [message]);
        var program = input.ProgramId is { } pid ? await db.PublishedPrograms.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        if (program is null)
            Add("programId", "That program does not exist.");
        else if (!db.Scope.Covers(program.Id))
            Add("programId", $"You are not on the care team of {program.Name}, so you cannot place a participant there.");
        if (input.TrackId is { } tid && program is not null
            && !await db.Tracks.AnyAsync(t => t.Id == tid && t.ProgramId == program.Id, ct))
            Add("trackId", $"That track is not a track of {program.Name}.");
        if (program is not null)
        {
            await CheckCareTeamAsync(db, program, input.PrimaryClinicianId, Auth.Roles.Clinician, "primaryClinicianId", Add, ct);
            await CheckCareTeamAsync(db, program, input.CaseManagerId, Auth.Roles.CaseManager, "caseManagerId", Add, ct);
            await CheckCareTeamAsync(db, program, input.PrescriberId, Auth.Roles.Prescriber, "prescriberId", Add, ct);
        }
        if (!string.IsNullOrWhiteSpace(input.Mrn) && !errors.ContainsKey("mrn"))
        {
            var mrn = input.Mrn.Trim().ToUpperInvariant();
            var own = existingId is { } id ? await db.Participants.Where(p => p.Id == id).Select(p => p.Mrn).FirstOrDefaultAsync(ct) : null;
            // MRNs are clinic-wide, so only a caller who sees the whole clinic may choose one. Anyone else gets
            // one answer, without a lookup, whether the MRN is free, in their scope or outside it: no message,
            // status or timing tells them a chart they cannot open exists (docs/security.md, "Existence oracles").
            if (mrn == own) { }
            else if (!db.Scope.Covers((Guid?)null))
                Add("mrn", MrnIsAssigned);
            // Deleted charts count too: an MRN is never reused.
            else if (await db.Participants.IgnoreQueryFilters().AnyAsync(p => p.Mrn == mrn && p.Id != existingId, ct))
                Add("mrn", $"MRN {mrn} already belongs to another participant.");
        }
        if (input.Identifiers is { } identifiers)
            for (var i = 0; i < identifiers.Count; i++)
            {
                var (system, value) = (identifiers[i].System?.Trim(), identifiers[i].Value?.Trim());
                if (system is null || value is null || errors.Keys.Any(k => k.StartsWith($"identifiers[{i}]", StringComparison.Ordinal))) continue;
                // Through the scope filter: only a chart the caller may open can be named, so the answer tells nothing of others.
                var holder = await db.Set<ParticipantIdentifier>().Where(x => x.System == system && x.Value == value && x.ParticipantId != existingId)
                    .Select(x => x.Participant!.Mrn).FirstOrDefaultAsync(ct);
                if (holder is not null) Add($"identifiers[{i}].value", $"{system}|{value} already identifies the participant with MRN {holder}.");
            }
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    public const string MrnIsAssigned =
        "MRNs are assigned by Trellis: leave MRN empty (or keep this chart's own). Only an administrator can set one, for example when moving a chart from an earlier system.";

    /// <summary>A care-team member must be active, hold the role and be assigned to the participant's program.</summary>
    private static async Task CheckCareTeamAsync(TrellisDbContext db, TreatmentProgram program, Guid? staffId, string role, string field,
        Action<string, string> add, CancellationToken ct)
    {
        if (staffId is not { } id) return;
        var ok = await (from s in db.Staff
                        join ur in db.UserRoles on s.UserId equals ur.UserId
                        join r in db.Roles on ur.RoleId equals r.Id
                        where s.Id == id && s.IsActive && r.Name == role && s.Programs.Any(a => a.ProgramId == program.Id)
                        select s.Id).AnyAsync(ct);
        if (!ok) add(field, $"Choose an active {Auth.Roles.Label(role).ToLowerInvariant()} assigned to {program.Name}.");
    }

    /// <summary>Staff of a program who hold a role: the choices for a care-team field.</summary>
    public static async Task<List<Staff.StaffMember>> CareTeamChoicesAsync(TrellisDbContext db, Guid programId, string role, CancellationToken ct = default) =>
        await (from s in db.Staff
               join ur in db.UserRoles on s.UserId equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where s.IsActive && r.Name == role && s.Programs.Any(a => a.ProgramId == programId)
               orderby s.LastName, s.FirstName
               select s).ToListAsync(ct);

    public static async Task<Participant> CreateAsync(TrellisDbContext db, ParticipantInput input, CancellationToken ct = default)
    {
        var participant = new Participant
        {
            Mrn = string.IsNullOrWhiteSpace(input.Mrn) ? await NewMrnAsync(db, ct) : input.Mrn.Trim().ToUpperInvariant(),
        };
        var zone = await db.PublishedPrograms.Where(p => p.Id == input.ProgramId).Select(p => p.TimeZoneId).FirstOrDefaultAsync(ct);
        Apply(db, participant, input, ProgramClock.Today(db.Now, zone));
        db.Participants.Add(participant);
        return participant;
    }

    /// <summary>
    /// Copies the input onto the participant and keeps enrollments and diagnoses in step, dated by the
    /// program's day (<paramref name="today"/>, or the day in the program they were in: load it).
    /// </summary>
    public static void Apply(TrellisDbContext db, Participant p, ParticipantInput input, DateOnly? today = null)
    {
        var day = today ?? p.Today(db.Now);
        if (!string.IsNullOrWhiteSpace(input.Mrn)) p.Mrn = input.Mrn.Trim().ToUpperInvariant();
        p.LegalFirstName = input.LegalFirstName!.Trim();
        p.LegalLastName = input.LegalLastName!.Trim();
        p.PreferredName = Clean(input.PreferredName);
        p.Pronouns = Clean(input.Pronouns);
        p.DateOfBirth = input.DateOfBirth!.Value;
        p.AdministrativeGender = input.AdministrativeGender;
        p.PreferredLanguage = Languages.Normalize(input.PreferredLanguage);
        p.InterpreterNeeded = input.InterpreterNeeded;
        p.Email = Clean(input.Email);
        p.Phone = Clean(input.Phone);
        p.AddressLine = Clean(input.AddressLine);
        p.City = Clean(input.City);
        p.State = Clean(input.State)?.ToUpperInvariant();
        p.PostalCode = Clean(input.PostalCode);
        p.EmergencyContactName = Clean(input.EmergencyContactName);
        p.EmergencyContactRelationship = Clean(input.EmergencyContactRelationship);
        p.EmergencyContactPhone = Clean(input.EmergencyContactPhone);
        p.Status = input.Status!.Value;
        p.ProgramId = input.ProgramId!.Value;
        p.TrackId = input.TrackId;
        p.PrimaryClinicianId = input.PrimaryClinicianId;
        p.CaseManagerId = input.CaseManagerId;
        p.PrescriberId = input.PrescriberId;
        p.AdmittedOn = input.AdmittedOn;
        p.DischargedOn = input.DischargedOn;
        SyncEnrollment(db, p, day);
        SyncDiagnoses(db, p, input.Diagnoses, day);
        if (input.Identifiers is { } identifiers) SyncIdentifiers(db, p, identifiers);
    }

    private static void SyncIdentifiers(TrellisDbContext db, Participant p, List<ParticipantIdentifierInput> wanted)
    {
        var rows = wanted.Select(w => (System: w.System!.Trim(), Value: w.Value!.Trim())).ToList();
        var changed = false;
        foreach (var existing in p.Identifiers.Where(x => !rows.Contains((x.System, x.Value))).ToList())
        {
            p.Identifiers.Remove(existing);
            db.Remove(existing);
            changed = true;
        }
        foreach (var (system, value) in rows.Where(r => !p.Identifiers.Any(x => x.System == r.System && x.Value == r.Value)))
        {
            var identifier = new ParticipantIdentifier { ParticipantId = p.Id, System = system, Value = value };
            p.Identifiers.Add(identifier);
            db.Add(identifier);
            changed = true;
        }
        // The identifiers are part of the chart's details: a change to them alone is a new version of the participant
        // (what an ETag or FHIR's meta.versionId promises), not only of the identifier rows.
        if (changed && db.Entry(p).State == EntityState.Unchanged) db.Entry(p).Property(x => x.UpdatedAt).IsModified = true;
    }

    /// <summary>
    /// An admitted participant has one open enrollment matching their program and track; a change of
    /// either closes it and opens another, and a discharge closes it, so the history stays whole.
    /// </summary>
    private static void SyncEnrollment(TrellisDbContext db, Participant p, DateOnly today)
    {
        var open = p.Enrollments.FirstOrDefault(e => e.EndedOn is null);
        if (p.AdmittedOn is null) return;
        if (open is not null && (open.ProgramId != p.ProgramId || open.TrackId != p.TrackId))
        {
            open.EndedOn = today;
            open.EndReason = open.ProgramId != p.ProgramId ? "moved to another program" : "moved to another track";
            open = null;
        }
        if (open is null && p.DischargedOn is null)
        {
            var start = p.Enrollments.Count == 0 ? p.AdmittedOn.Value : today;
            var enrollment = new Enrollment { ParticipantId = p.Id, ProgramId = p.ProgramId, TrackId = p.TrackId, StartedOn = start };
            p.Enrollments.Add(enrollment);
            // Added explicitly: found only through the navigation, a new row with its id already set
            // would be taken for an existing one and updated (a false "changed by someone else").
            db.Enrollments.Add(enrollment);
        }
        if (open is not null && p.DischargedOn is { } d)
        {
            open.EndedOn = d;
            open.EndReason ??= "discharged";
        }
    }

    private static void SyncDiagnoses(TrellisDbContext db, Participant p, List<DiagnosisInput> wanted, DateOnly today)
    {
        var rows = wanted.Where(w => !string.IsNullOrWhiteSpace(w.Code)).ToList();
        foreach (var existing in p.Diagnoses.ToList())
            if (!rows.Any(r => r.Code!.Trim().ToUpperInvariant() == existing.Code))
            {
                p.Diagnoses.Remove(existing);
                db.Diagnoses.Remove(existing);
            }
        foreach (var row in rows)
        {
            var code = row.Code!.Trim().ToUpperInvariant();
            var d = p.Diagnoses.FirstOrDefault(x => x.Code == code);
            if (d is null)
            {
                d = new Diagnosis { ParticipantId = p.Id, Code = code, DiagnosedOn = today };
                p.Diagnoses.Add(d);
                db.Diagnoses.Add(d);
            }
            d.Description = row.Description!.Trim();
            d.IsPrimary = row.IsPrimary;
        }
    }

    /// <summary>A new MRN: "TR" and six random digits, retried until unused.</summary>
    public static async Task<string> NewMrnAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var mrn = "TR" + RandomNumberGenerator.GetInt32(100000, 1000000);
            if (!await db.Participants.IgnoreQueryFilters().AnyAsync(p => p.Mrn == mrn, ct)) return mrn;
            if (attempt > 20) throw new InvalidOperationException("Could not find a free MRN.");
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Loads a participant with what an edit needs, within the caller's scope.</summary>
    public static Task<Participant?> LoadForEditAsync(TrellisDbContext db, Guid id, CancellationToken ct = default) =>
        db.Participants.Include(p => p.Program).Include(p => p.Diagnoses).Include(p => p.Enrollments).Include(p => p.Identifiers).FirstOrDefaultAsync(p => p.Id == id, ct);
}
