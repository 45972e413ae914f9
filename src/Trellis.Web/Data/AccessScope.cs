namespace Trellis.Web.Data;

/// <summary>
/// Which records the caller may see, built from <see cref="CurrentUser"/> and applied by the context's
/// query filters, so that no query can forget it: participants and their chart records by the
/// participant's program (or the participant themself), program-owned records by their program.
/// </summary>
public sealed record AccessScope(bool All, Guid[] ProgramIds, Guid? ParticipantId, Guid? ParticipantProgramId = null)
{
    public static readonly AccessScope None = new(false, [], null);
    /// <summary>For start-up work (migrations, demo data, CLI commands) and administrators: sees everything.</summary>
    public static readonly AccessScope System = new(true, [], null);

    /// <summary>
    /// The one answer to "may this caller act on this program": an administrator on any, staff on the
    /// programs they are assigned to. A participant acts on no program (they read their own).
    /// </summary>
    public bool Covers(Guid programId) => All || ProgramIds.Contains(programId);

    /// <summary>As above; a record with no program belongs to the whole clinic, which only an administrator acts on.</summary>
    public bool Covers(Guid? programId) => programId is { } id ? Covers(id) : All;

    /// <summary>Programs whose facts (schedule, tracks, closures) the caller reads: their care team's, or a participant's own.</summary>
    /// <remarks>The programs of charts opened under emergency access count too: their schedule and tracks are how the chart reads.</remarks>
    /// <remarks>So do an outside recipient's Part 2 programs (<see cref="DisclosurePrograms"/>): their facts, never their charts.</remarks>
    public Guid[] ReadablePrograms => readable ??= [.. ProgramIds.Concat(EmergencyPrograms).Concat(DisclosurePrograms).Append(ParticipantProgramId ?? Guid.Empty).Where(id => id != Guid.Empty).Distinct()];
    private Guid[]? readable;

    /// <summary>Staff who work in at least one program (or an administrator): they also see the clinic-wide records.</summary>
    public bool SeesClinicWide => All || ProgramIds.Length > 0;

    /// <summary>
    /// Charts outside the care team opened for a limited time under emergency access ("break the glass",
    /// Features/EmergencyAccess): the filters let their records be read, nothing else of their program.
    /// </summary>
    public Guid[] EmergencyCharts { get; init; } = [];
    public Guid[] EmergencyPrograms { get; init; } = [];

    /// <summary>
    /// 42 CFR Part 2: the charts of a Part 2 program an outside recipient (a SMART backend service) may read now, because
    /// each participant's active Part 2 consent names that recipient and purpose (Features/Disclosures). The recipient's
    /// Part 2 programs are never in <see cref="ProgramIds"/>: without a consent their charts do not exist for it.
    /// </summary>
    public Guid[] DisclosedCharts { get; init; } = [];
    /// <summary>An outside recipient's Part 2 programs: their facts (program, tracks) are readable, their charts only through <see cref="DisclosedCharts"/>.</summary>
    public Guid[] DisclosurePrograms { get; init; } = [];

    /// <summary>Every chart readable beyond the program list (emergency access and consented disclosure): what the filters test.</summary>
    public Guid[] Charts => charts ??= EmergencyCharts.Length == 0 ? DisclosedCharts : DisclosedCharts.Length == 0 ? EmergencyCharts : [.. EmergencyCharts.Union(DisclosedCharts)];
    private Guid[]? charts;
}

public static class TrellisClaims
{
    public const string Session = "trellis:sid";
    public const string Program = "trellis:program";
    public const string Staff = "trellis:staff";
    public const string Participant = "trellis:participant";
    public const string ParticipantProgram = "trellis:participant-program";
    /// <summary>A chart the staff member holds emergency access to, until the grant ends (rebuilt on every request).</summary>
    public const string EmergencyChart = "trellis:emergency-chart";
    public const string EmergencyProgram = "trellis:emergency-program";
    public const string DisplayName = "trellis:name";
    /// <summary>A participant a support person may follow now (an active link under an active consent; rebuilt on every request).</summary>
    public const string Supports = "trellis:supports";
    /// <summary>An outside recipient (a SMART backend service): the recipient its registration names, as Part 2 consents name it.</summary>
    public const string Recipient = "trellis:recipient";
    /// <summary>The purpose of the outside recipient's disclosures, as Part 2 consents state it.</summary>
    public const string RecipientPurpose = "trellis:recipient-purpose";
    /// <summary>An outside recipient's program under 42 CFR Part 2 (its facts only).</summary>
    public const string DisclosureProgram = "trellis:disclosure-program";
    /// <summary>"{participant} {consent}": a chart disclosed to the outside recipient under that active Part 2 consent (rebuilt on every request).</summary>
    public const string DisclosureConsent = "trellis:disclosure-consent";
}

/// <summary>Who is acting, as written into the audit trail.</summary>
public sealed record Actor(string? UserId, string? UserName, string? Role, string? ClientAddress)
{
    public static Actor System(string what) => new(null, "system:" + what, null, null);

    public static Actor FromHttp(HttpContext? http) => CurrentUser.From(http).Actor;
}
