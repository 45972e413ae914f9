using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Outcomes.Actions;

public sealed class MeasurementScheduleInput : IValidatableObject
{
    [Required(ErrorMessage = "Send rules: the list of instruments and when each is given (an empty list clears the schedule).")]
    public List<MeasureRule>? Rules { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Rules is null) yield break;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Rules.Count; i++)
            if (Rules[i] is null) yield return new ValidationResult("Each rule is an object: instrument, atAdmission, everyDays, atDischarge.", [$"Rules[{i}]"]);
            else if (Rules[i].Instrument is { } code && !seen.Add(code.Trim()))
                yield return new ValidationResult($"{code} is listed twice; give each instrument one line.", [$"Rules[{i}].Instrument"]);
    }
}

/// <summary>
/// Set a program's measurement schedule: program directors of the program and administrators (another program
/// answers 404). A program without a schedule may be given one without a version; later changes name the version.
/// The schedule page and PUT /api/programs/{id}/measurement-schedule call it.
/// </summary>
public static class SetMeasurementSchedule
{
    public static Task<Result<MeasurementSchedule>> RunAsync(TrellisDbContext db, Guid programId, MeasurementScheduleInput input, ETags.Expected expected, CancellationToken ct = default) =>
        ProgramSettings.SaveAsync(db, programId, input, expected, "A program's measurement schedule is set by its program directors and administrators.",
            () => new MeasurementSchedule { ProgramId = programId },
            (row, change) => row.Rules = change.Rules!.Select(r => new MeasureRule
                { Instrument = r.Instrument!.Trim().ToLowerInvariant(), AtAdmission = r.AtAdmission, EveryDays = r.EveryDays, AtDischarge = r.AtDischarge }).ToList(),
            ct);
}
