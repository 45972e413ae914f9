using Trellis.Web.Features.Scheduling.Placement;
using Xunit.Abstractions;

namespace Trellis.Tests.Placement;

/// <summary>CP-SAT against brute force on 300 small random weeks from a fixed seed.</summary>
[Trait("Category", "Unit")]
public sealed class PlacementPropertyTests(ITestOutputHelper output)
{
    private const int Seed = 20_260_301;
    private const int Cases = 300;

    [Fact]
    public void CpSat_finds_a_plan_exactly_when_one_exists_and_its_optimum_matches_brute_force()
    {
        var (placed, unplaced, withSessions, withViolations) = (0, 0, 0, 0);
        foreach (var request in RandomPlacementCases.Generate(Seed, Cases))
        {
            var inst = PlacementInstance.Create(request);
            var choice = CpSatPlacement.Solve(inst);
            var exact = BruteForcePlacement.Solve(request);
            Assert.Equal(exact is not null, choice is not null);
            if (exact is null || choice is null) { unplaced++; continue; }
            placed++;
            withSessions += exact.Score.IndividualSessions > 0 ? 1 : 0;
            withViolations += exact.Score.PreferenceViolations > 0 ? 1 : 0;

            Assert.True(choice.ProvenOptimal);
            Assert.True(BruteForcePlacement.IsValid(request, choice.Track, choice.Slots));
            Assert.Equal(exact.Score, BruteForcePlacement.Score(request, choice.Track, choice.Slots));
            Assert.Equal(PlacementScoring.Weigh(inst, exact.Score), choice.Objective);
            Assert.Equal(exact.Score, PlacementScoring.Plan(inst, choice.Track, choice.Slots).Score);
        }
        output.WriteLine($"{placed} placed ({withSessions} needing individual sessions, {withViolations} breaking a preference), {unplaced} without a plan");
        // The generator is only useful if both outcomes are common.
        Assert.InRange(placed, Cases / 5, Cases);
        Assert.InRange(unplaced, Cases / 5, Cases);
    }

    [Fact]
    public void Each_track_fits_exactly_when_brute_force_finds_a_plan_with_that_track_alone()
    {
        foreach (var request in RandomPlacementCases.Generate(Seed + 1, Cases))
        {
            var fits = PlacementSolver.TracksThatFit(request);
            for (var t = 0; t < request.Tracks.Count; t++)
            {
                var alone = BruteForcePlacement.Solve(request with { Tracks = [request.Tracks[t]] });
                Assert.Equal(alone is not null, fits[t].Fits);
                Assert.Equal(fits[t].Fits, fits[t].Problems.Count == 0);
                Assert.Equal(request.Tracks[t].IsFull, fits[t].Problems.Any(p => p.Kind == TrackProblemKind.Full));
            }
        }
    }

    [Fact]
    public void Suggestions_are_exactly_the_single_changes_that_brute_force_confirms()
    {
        var kinds = new Dictionary<SuggestionKind, int>();
        foreach (var request in RandomPlacementCases.Generate(Seed + 2, Cases))
        {
            var result = PlacementSolver.Place(request);
            if (result.IsPlaced) { Assert.Empty(result.Suggestions); continue; }

            var waitlists = Enumerable.Range(0, request.Tracks.Count)
                .Where(t => request.Tracks[t].IsFull)
                .Where(t => BruteForcePlacement.Solve(request with { Tracks = [request.Tracks[t] with { Capacity = int.MaxValue }] }) is not null)
                .Select(t => request.Tracks[t]).ToList();
            Assert.Equal(waitlists, result.Suggestions.Where(s => s.Kind == SuggestionKind.Waitlist).Select(s => s.Plan.Track));

            var videoHelps = !request.UseTelehealthWhereAvailable && request.Tracks.Any(t => t.TelehealthAvailable)
                && BruteForcePlacement.Solve(request with { UseTelehealthWhereAvailable = true }) is not null;
            Assert.Equal(videoHelps, result.Suggestions.Any(s => s.Kind == SuggestionKind.Telehealth));

            var moves = Enumerable.Range(0, request.Obligations.Count)
                .Where(o => BruteForcePlacement.Solve(request with { Obligations = request.Obligations.Where((_, i) => i != o).ToList() }) is not null)
                .Select(o => request.Obligations[o]).ToList();
            Assert.Equal(moves, result.Suggestions.Where(s => s.Kind == SuggestionKind.MoveObligation).Select(s => s.Obligation!));

            // Every promised plan is the brute-force optimum of the relaxed week it belongs to.
            foreach (var s in result.Suggestions.Where(s => s.Kind == SuggestionKind.MoveObligation))
                Assert.Equal(BruteForcePlacement.Solve(request with { Obligations = request.Obligations.Where(o => !ReferenceEquals(o, s.Obligation)).ToList() })!.Score, s.Plan.Score);
            foreach (var s in result.Suggestions) kinds[s.Kind] = kinds.GetValueOrDefault(s.Kind) + 1;
        }
        output.WriteLine(string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}")));
        // Every kind of suggestion must actually occur, or the checks above prove nothing about it.
        Assert.All(Enum.GetValues<SuggestionKind>(), k => Assert.True(kinds.GetValueOrDefault(k) > 0, $"no {k} suggestion was made"));
    }
}
