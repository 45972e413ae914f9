namespace Trellis.Web.Features.Notes;

/// <summary>How a person took part in a group session.</summary>
public enum ParticipationLevel { Active, Responsive, Minimal, Withdrawn, Disruptive }

/// <summary>Their affect or presentation in the session, as observed.</summary>
public enum Presentation { Euthymic, Anxious, Depressed, Irritable, Flat, Labile, Elevated, Guarded }

/// <summary>How they responded to the group's intervention.</summary>
public enum InterventionResponse { Applied, Receptive, Ambivalent, Resistant, NotAssessed }

/// <summary>
/// The structured half of a group note's individual part (issue 13): chosen, not typed, so eight
/// attendees are documented without 32 text boxes. What makes the part this person's own is the one
/// sentence written for them (the "participation" section), which the cloned-text check compares;
/// the choices are expected to repeat across attendees and are never compared.
/// </summary>
public static class GroupPartChoices
{
    public static string Label(ParticipationLevel v) => v switch
    {
        ParticipationLevel.Active => "Active: volunteered and contributed",
        ParticipationLevel.Responsive => "Responsive when prompted",
        ParticipationLevel.Minimal => "Minimal: listened, said little",
        ParticipationLevel.Withdrawn => "Withdrawn: did not take part",
        _ => "Disruptive: took the group off task",
    };

    public static string Label(Presentation v) => v switch
    {
        Presentation.Euthymic => "Euthymic (even, appropriate)",
        Presentation.Anxious => "Anxious",
        Presentation.Depressed => "Depressed, low",
        Presentation.Irritable => "Irritable",
        Presentation.Flat => "Flat or blunted",
        Presentation.Labile => "Labile, tearful",
        Presentation.Elevated => "Elevated, expansive",
        _ => "Guarded",
    };

    public static string Label(InterventionResponse v) => v switch
    {
        InterventionResponse.Applied => "Practised or applied the skill",
        InterventionResponse.Receptive => "Receptive: understood, open to it",
        InterventionResponse.Ambivalent => "Ambivalent",
        InterventionResponse.Resistant => "Resistant: rejected or argued",
        _ => "Not assessed: too little to judge",
    };
}
