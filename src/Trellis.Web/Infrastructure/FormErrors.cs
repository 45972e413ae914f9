using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Forms;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// Puts a refusal's field errors beside their fields on a page. Errors are keyed by the JSON path of
/// the action's input ("sections[2].text"); a page whose form model is that input finds each field by
/// walking the same path. An error whose field the form does not show stays in the summary
/// (<see cref="Refusal.Detail"/>), so nothing is ever silently dropped.
/// </summary>
public static partial class FormErrors
{
    /// <summary>Shows the refusal's field errors on the form; returns the sentence to show above it.</summary>
    public static string Show(EditContext form, Refusal refusal, Func<string, string>? rename = null)
    {
        var store = new ValidationMessageStore(form);
        var unplaced = new List<string>();
        foreach (var (path, messages) in refusal.Errors ?? new Dictionary<string, string[]>())
        {
            var (owner, member) = Resolve(form.Model, rename?.Invoke(path) ?? path);
            if (owner is not null) store.Add(new FieldIdentifier(owner, member), messages);
            else unplaced.AddRange(messages);
        }
        form.NotifyValidationStateChanged();
        if (!refusal.IsValidation) return refusal.Detail;
        // A message about something the form has no field for (the lead, the participant) is said above it.
        const string lead = "Please correct the fields marked below; nothing has been saved yet, and what you typed is still here.";
        var said = string.Join(" ", unplaced.Distinct());
        return unplaced.Count == 0 ? lead : unplaced.Count == refusal.Errors!.Sum(e => e.Value.Length) ? said : $"{said} {lead}";
    }

    /// <summary>The object and property a JSON path names, or (null, "") when the model has no such field.</summary>
    public static (object? Owner, string Member) Resolve(object model, string path)
    {
        if (path.Length == 0) return (model, "");
        var parts = path.Split('.');
        object? current = model;
        for (var i = 0; i < parts.Length && current is not null; i++)
        {
            var m = Step().Match(parts[i]);
            if (!m.Success) return (null, "");
            var property = current.GetType().GetProperty(m.Groups[1].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return (null, "");
            var last = i == parts.Length - 1;
            if (last && !m.Groups[2].Success) return (current, property.Name);
            var value = property.GetValue(current);
            if (m.Groups[2].Success)
            {
                var index = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                value = value is IList list && index < list.Count ? list[index] : null;
                if (last) return (value, "");
            }
            current = value;
        }
        return (null, "");
    }

    [GeneratedRegex(@"^(\w+)(?:\[(\d+)\])?$")]
    private static partial Regex Step();
}
