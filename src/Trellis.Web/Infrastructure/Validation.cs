using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Trellis.Web.Infrastructure;

/// <summary>One field error: the object and member it belongs to (for a page's messages) and its path (for an API's ProblemDetails).</summary>
public sealed record FieldError(object Owner, string Member, string Path, string Message);

/// <summary>
/// The one validation path: an action checks its input here (DataAnnotations and the input's own
/// IValidatableObject rules, on the input and everything nested in it: problems → goals →
/// objectives), every rule at once. The refusal names each field by its JSON path
/// ("problems[0].goals[1].ownWords"); the API answers it as one ProblemDetails, a page puts each
/// message beside its field (<see cref="FormErrors"/>).
/// </summary>
public static class Validation
{
    /// <summary>
    /// Null when the input is valid; otherwise a 400 refusal naming every field at fault. Rules that
    /// compare with today read <paramref name="clock"/> (<see cref="ClockOf"/>), so they follow the
    /// app's TimeProvider (an action passes <c>db.Clock</c>).
    /// </summary>
    public static Refusal? Check(object input, string prefix = "", TimeProvider? clock = null) =>
        Validate(input, prefix, clock) is { Count: > 0 } errors ? Refusal.Invalid(ToDictionary(errors)) : null;

    public static List<FieldError> Validate(object root, string prefix = "", TimeProvider? clock = null)
    {
        var errors = new List<FieldError>();
        Walk(root, prefix, errors, 0, clock is null ? null : new ClockServices(clock));
        return errors;
    }

    /// <summary>The clock an input's own rules compare with: the one the check was given, the app's (DI), or the system's.</summary>
    public static TimeProvider ClockOf(ValidationContext context) =>
        context.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    private sealed class ClockServices(TimeProvider clock) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TimeProvider) ? clock : null;
    }

    public static Dictionary<string, string[]> ToDictionary(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray());

    /// <summary>Adds the errors to a page's message store; true when there were none.</summary>
    public static bool Report(IEnumerable<FieldError> errors, Microsoft.AspNetCore.Components.Forms.ValidationMessageStore store)
    {
        var any = false;
        foreach (var e in errors)
        {
            store.Add(new Microsoft.AspNetCore.Components.Forms.FieldIdentifier(e.Owner, e.Member), e.Message);
            any = true;
        }
        return !any;
    }

    private static void Walk(object obj, string prefix, List<FieldError> errors, int depth, IServiceProvider? services)
    {
        if (depth > 8) return;
        // JSON lets an enum arrive as any number: a value outside the enum is named here, and the object's own rules,
        // which take its enums to be one of their names, do not run (they threw a 500, which the fuzzer found).
        var undefined = obj.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is { IsEnum: true } t
                && !t.IsDefined(typeof(FlagsAttribute), false))
            .Select(p => (Property: p, Value: p.GetValue(obj)))
            .Where(x => x.Value is not null && !Enum.IsDefined(x.Value.GetType(), x.Value)).ToList();
        foreach (var (p, v) in undefined)
            errors.Add(new FieldError(obj, p.Name, Join(prefix, p.Name), $"Use one of: {string.Join(", ", Enum.GetNames(v!.GetType()).Select(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName))}."));
        if (undefined.Count > 0) return;
        var results = new List<ValidationResult>();
        var context = new ValidationContext(obj, services, null);
        // The framework skips an object's own rules once a field fails; a person fixing the form wants all of them at once.
        if (!Validator.TryValidateObject(obj, context, results, validateAllProperties: true) && obj is IValidatableObject self)
            results.AddRange(self.Validate(context).Where(r => r != ValidationResult.Success)!);
        foreach (var r in results)
        {
            var members = r.MemberNames.Any() ? r.MemberNames : [""];
            foreach (var m in members)
                errors.Add(new FieldError(obj, m, Join(prefix, m), r.ErrorMessage ?? "This value is not valid."));
        }
        foreach (var property in obj.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !IsModel(property.PropertyType, out var isList)) continue;
            var value = property.GetValue(obj);
            if (value is null) continue;
            var path = Join(prefix, property.Name);
            if (!isList) { Walk(value, path, errors, depth + 1, services); continue; }
            var i = 0;
            foreach (var item in (IEnumerable)value)
            {
                if (item is not null) Walk(item, $"{path}[{i}]", errors, depth + 1, services);
                i++;
            }
        }
    }

    /// <summary>Only the app's own form classes are walked into, not strings, dates or framework types.</summary>
    private static bool IsModel(Type type, out bool isList)
    {
        isList = false;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            isList = true;
            type = type.GetGenericArguments()[0];
        }
        return type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Trellis.Web.Features", StringComparison.Ordinal) == true;
    }

    private static string Join(string prefix, string member)
    {
        var name = member.Length == 0 ? "" : JsonNamingPolicy.CamelCase.ConvertName(member);
        return prefix.Length == 0 ? name : name.Length == 0 ? prefix : $"{prefix}.{name}";
    }
}

/// <summary>Form binding leaves a list null when the form posted none of its rows; pages call this before using what was posted.</summary>
public static class FormModels
{
    public static T EnsureLists<T>(T model) where T : class
    {
        Fill(model, 0);
        return model;
    }

    private static void Fill(object obj, int depth)
    {
        if (depth > 8) return;
        foreach (var p in obj.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanWrite || p.GetIndexParameters().Length > 0) continue;
            var type = p.PropertyType;
            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
            {
                var value = p.GetValue(obj) ?? Activator.CreateInstance(type)!;
                p.SetValue(obj, value);
                if (value is IEnumerable items && type.GetGenericTypeDefinition() == typeof(List<>))
                    foreach (var item in items) if (item is not null && item.GetType().Namespace?.StartsWith("Trellis.Web.Features") == true) Fill(item, depth + 1);
            }
            else if (type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Trellis.Web.Features") == true && p.GetValue(obj) is { } child)
                Fill(child, depth + 1);
        }
    }
}
