using System.ComponentModel.DataAnnotations;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>One group of a track's weekly template, as the template page posts it.</summary>
public sealed class TemplateInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the group, such as Skills group."), MaxLength(120)] public string? Title { get; set; }
    [Display(Name = "Kind")] public ServiceType ServiceType { get; set; } = ServiceType.GroupTherapy;
    public List<DayOfWeek> Days { get; set; } = [];
    [Required(ErrorMessage = "Enter the start time."), Display(Name = "Starts")] public TimeOnly? StartTime { get; set; }
    [Required(ErrorMessage = "Enter the end time."), Display(Name = "Ends")] public TimeOnly? EndTime { get; set; }
    [Display(Name = "Room")] public Guid? RoomId { get; set; }
    [MaxLength(500), Display(Name = "Video link")] public string? TelehealthUrl { get; set; }
    [Range(1, 100, ErrorMessage = "Capacity must be between 1 and 100.")] public int? Capacity { get; set; }
    public List<Guid> FacilitatorIds { get; set; } = [];
    public bool IsActive { get; set; } = true;

    public Weekdays Weekdays => Days.Aggregate(Weekdays.None, (w, d) => w | d.ToFlag());

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (FacilitatorIds.Count == 0) yield return new("Choose at least one facilitator.", [nameof(FacilitatorIds)]);
        if (TelehealthUrl is { Length: > 0 } url && !QueryText.IsHttpsUrl(url))
            yield return new("The video link must be a full https:// address.", [nameof(TelehealthUrl)]);
    }

    public static TemplateInput From(SessionTemplate t) => new()
    {
        Title = t.Title, ServiceType = t.ServiceType, Days = t.Weekdays.Days().ToList(), StartTime = t.StartTime, EndTime = t.EndTime,
        RoomId = t.RoomId, TelehealthUrl = t.TelehealthUrl, Capacity = t.Capacity, IsActive = t.IsActive,
        FacilitatorIds = t.Facilitators.Select(f => f.StaffMemberId).ToList(),
    };

    public void ApplyTo(SessionTemplate t)
    {
        t.Title = Title!.Trim();
        t.ServiceType = ServiceType;
        t.Weekdays = Weekdays;
        t.StartTime = StartTime!.Value;
        t.EndTime = EndTime!.Value;
        t.RoomId = RoomId;
        t.TelehealthUrl = string.IsNullOrWhiteSpace(TelehealthUrl) ? null : TelehealthUrl.Trim();
        t.Capacity = Capacity;
        t.IsActive = IsActive;
        var want = FacilitatorIds.Distinct().ToList();
        t.Facilitators.RemoveAll(f => !want.Contains(f.StaffMemberId));
        foreach (var id in want.Where(id => t.Facilitators.All(f => f.StaffMemberId != id)))
            t.Facilitators.Add(new SessionTemplateFacilitator { SessionTemplateId = t.Id, StaffMemberId = id });
    }
}
