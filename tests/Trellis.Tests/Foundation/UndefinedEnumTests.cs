using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Foundation;

/// <summary>
/// JSON lets an enum arrive as any number. The one validation path names a value outside the enum as a field error
/// instead of letting an input's own rules meet it (a note with "format": 12345 was a 500; fuzzer seed 7226290504879818420).
/// </summary>
public class UndefinedEnumTests
{
    [Fact]
    public void A_number_outside_the_enum_is_a_field_error_naming_the_values()
    {
        var input = new NoteInput { Kind = NoteKind.Individual, Format = (NoteFormat)12345, ServiceDate = new DateOnly(2026, 12, 1), Minutes = 50 };
        var refusal = Validation.Check(input);
        Assert.NotNull(refusal);
        var errors = Validation.Validate(input);
        var format = Assert.Single(errors, e => e.Path == "format");
        Assert.Contains("dap", format.Message);
    }

    [Fact]
    public void Defined_values_go_on_to_the_inputs_own_rules()
    {
        var input = new NoteInput { Kind = NoteKind.Individual, Format = NoteFormat.Dap, ServiceDate = new DateOnly(2026, 12, 1), Minutes = 50 };
        Assert.DoesNotContain(Validation.Validate(input), e => e.Path == "format" && e.Message.StartsWith("Use one of"));
    }
}
