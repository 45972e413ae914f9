using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Forms;

namespace Trellis.Web.Features.Admissions;

/// <summary>Page validation that reports every problem at once.</summary>
public static class FormChecks
{
    /// <summary>
    /// Validates the form's model. DataAnnotations skips a model's own rules (IValidatableObject)
    /// while any field fails, which would make a person fix the form twice; this runs them anyway.
    /// </summary>
    public static bool Validate(EditContext context, ValidationMessageStore store)
    {
        var valid = context.Validate();
        if (valid || context.Model is not IValidatableObject model) return valid;
        foreach (var result in model.Validate(new ValidationContext(context.Model)))
            foreach (var member in result.MemberNames)
            {
                var field = new FieldIdentifier(context.Model, member);
                if (result.ErrorMessage is { } message && !context.GetValidationMessages(field).Contains(message)) store.Add(field, message);
            }
        context.NotifyValidationStateChanged();
        return false;
    }

    /// <summary>Adds field errors from a use case (keyed by property name) to the form.</summary>
    public static void Add(EditContext context, ValidationMessageStore store, IDictionary<string, string[]> errors)
    {
        foreach (var (key, messages) in errors) store.Add(new FieldIdentifier(context.Model, key), messages);
        context.NotifyValidationStateChanged();
    }
}
