using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// A date of birth: not in the future and not more than 120 years ago. An attribute rather than
/// object-level validation so the error is reported together with every other field's.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DateOfBirthAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is not DateOnly dob) return ValidationResult.Success;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var member = context.MemberName is null ? null : new[] { context.MemberName };
        if (dob > today) return new ValidationResult("The date of birth cannot be in the future.", member);
        if (dob < today.AddYears(-120)) return new ValidationResult("The date of birth is more than 120 years ago.", member);
        return ValidationResult.Success;
    }
}
