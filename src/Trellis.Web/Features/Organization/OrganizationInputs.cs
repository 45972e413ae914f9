using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Organization;

public sealed class ProgramInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the program."), MaxLength(120)] public string? Name { get; set; }
    [MaxLength(2000)] public string? Description { get; set; }
    [Required] public Population Population { get; set; }
    [Required] public LevelOfCare LevelOfCare { get; set; } = LevelOfCare.IntensiveOutpatient;
    [Range(0.5, 40, ErrorMessage = "Minimum weekly hours must be between 0.5 and 40.")]
    [Display(Name = "Minimum weekly hours")] public decimal? MinimumWeeklyHours { get; set; }
    [Display(Name = "Substance use program under 42 CFR Part 2")] public bool IsPart2 { get; set; }
    [Required(ErrorMessage = "Choose the time zone sessions are held in."), MaxLength(64)] public string? TimeZoneId { get; set; } = "America/New_York";
    public bool IsActive { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (TimeZoneId is { } tz && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            yield return new($"'{tz}' is not a time zone; use an IANA name such as America/Chicago.", [nameof(TimeZoneId)]);
    }

    public static ProgramInput From(TreatmentProgram p) => new()
    {
        Name = p.Name, Description = p.Description, Population = p.Population, LevelOfCare = p.LevelOfCare,
        MinimumWeeklyHours = p.MinimumWeeklyHours, IsPart2 = p.IsPart2, TimeZoneId = p.TimeZoneId, IsActive = p.IsActive,
    };

    public void ApplyTo(TreatmentProgram p)
    {
        p.Name = Name!.Trim();
        p.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        p.Population = Population;
        p.LevelOfCare = LevelOfCare;
        // Left empty, the ASAM 2.1 minimum for the population applies: 9 hours for adults, 6 for adolescents.
        p.MinimumWeeklyHours = MinimumWeeklyHours ?? TreatmentProgram.DefaultMinimumHours(Population);
        p.IsPart2 = IsPart2;
        p.TimeZoneId = TimeZoneId!;
        p.IsActive = IsActive;
    }
}

public sealed class TrackInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the track, such as Morning."), MaxLength(120)] public string? Name { get; set; }
    public bool Monday { get; set; }
    public bool Tuesday { get; set; }
    public bool Wednesday { get; set; }
    public bool Thursday { get; set; }
    public bool Friday { get; set; }
    public bool Saturday { get; set; }
    public bool Sunday { get; set; }
    [Required(ErrorMessage = "Enter the start time."), Display(Name = "Starts")] public TimeOnly? StartTime { get; set; }
    [Required(ErrorMessage = "Enter the end time."), Display(Name = "Ends")] public TimeOnly? EndTime { get; set; }
    [Range(1, 100, ErrorMessage = "Capacity must be between 1 and 100.")] public int Capacity { get; set; } = 12;
    [Display(Name = "Usual room")] public Guid? DefaultRoomId { get; set; }
    public bool IsActive { get; set; } = true;

    public Weekdays Days =>
        (Monday ? Weekdays.Monday : 0) | (Tuesday ? Weekdays.Tuesday : 0) | (Wednesday ? Weekdays.Wednesday : 0) |
        (Thursday ? Weekdays.Thursday : 0) | (Friday ? Weekdays.Friday : 0) | (Saturday ? Weekdays.Saturday : 0) | (Sunday ? Weekdays.Sunday : 0);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Days == Weekdays.None) yield return new("Choose at least one day.", [nameof(Monday)]);
        if (StartTime is { } s && EndTime is { } e && e <= s)
            yield return new($"The track ends at {e:H\\:mm}, which is not after it starts at {s:H\\:mm}.", [nameof(EndTime)]);
    }

    public static TrackInput From(Track t) => new()
    {
        Name = t.Name, StartTime = t.StartTime, EndTime = t.EndTime, Capacity = t.Capacity, DefaultRoomId = t.DefaultRoomId, IsActive = t.IsActive,
        Monday = t.Weekdays.HasFlag(Weekdays.Monday), Tuesday = t.Weekdays.HasFlag(Weekdays.Tuesday), Wednesday = t.Weekdays.HasFlag(Weekdays.Wednesday),
        Thursday = t.Weekdays.HasFlag(Weekdays.Thursday), Friday = t.Weekdays.HasFlag(Weekdays.Friday),
        Saturday = t.Weekdays.HasFlag(Weekdays.Saturday), Sunday = t.Weekdays.HasFlag(Weekdays.Sunday),
    };

    public void ApplyTo(Track t)
    {
        t.Name = Name!.Trim();
        t.Weekdays = Days;
        t.StartTime = StartTime!.Value;
        t.EndTime = EndTime!.Value;
        t.Capacity = Capacity;
        t.DefaultRoomId = DefaultRoomId;
        t.IsActive = IsActive;
    }
}

public sealed class RoomInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the room."), MaxLength(120)] public string? Name { get; set; }
    [MaxLength(200)] public string? Location { get; set; }
    [Range(1, 500, ErrorMessage = "Capacity must be between 1 and 500.")] public int Capacity { get; set; } = 12;
    [Display(Name = "Video room (telehealth)")] public bool IsTelehealth { get; set; }
    [MaxLength(500), Display(Name = "Video link")] public string? TelehealthUrl { get; set; }
    public bool IsActive { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (IsTelehealth && string.IsNullOrWhiteSpace(TelehealthUrl))
            yield return new("Enter the video link participants use.", [nameof(TelehealthUrl)]);
        if (!string.IsNullOrWhiteSpace(TelehealthUrl) && (!Uri.TryCreate(TelehealthUrl, UriKind.Absolute, out var u) || u.Scheme != Uri.UriSchemeHttps))
            yield return new("The video link must be a full https:// address.", [nameof(TelehealthUrl)]);
    }

    public static RoomInput From(Room r) => new()
    {
        Name = r.Name, Location = r.Location, Capacity = r.Capacity, IsTelehealth = r.IsTelehealth, TelehealthUrl = r.TelehealthUrl, IsActive = r.IsActive,
    };

    public void ApplyTo(Room r)
    {
        r.Name = Name!.Trim();
        r.Location = string.IsNullOrWhiteSpace(Location) ? null : Location.Trim();
        r.Capacity = Capacity;
        r.IsTelehealth = IsTelehealth;
        r.TelehealthUrl = string.IsNullOrWhiteSpace(TelehealthUrl) ? null : TelehealthUrl.Trim();
        r.IsActive = IsActive;
    }
}
