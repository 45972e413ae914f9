using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

// The ceiling of bench/load.sh: bare Kestrel doing the least a chart read must do. It looks up the
// bearer token's hash in one SQLite row, reads one participant row by id and answers JSON. No
// session rules, no scoping, no audit: what the machine gives a request that only touches the data.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CeilingJson.Default));
var app = builder.Build();

var file = app.Configuration["Ceiling:Database"] ?? Path.Combine(Path.GetTempPath(), "trellis-ceiling.db");
var token = app.Configuration["Ceiling:Token"] ?? "ceiling-token";
var connection = $"Data Source={file};Pooling=True";
Seed(connection, token);

app.MapGet("/participants/{id:guid}", async (Guid id, HttpContext http) =>
{
    var header = http.Request.Headers.Authorization.ToString();
    if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return Results.Unauthorized();
    await using var db = new SqliteConnection(connection);
    await db.OpenAsync();
    await using (var find = db.CreateCommand())
    {
        find.CommandText = "SELECT UserId FROM Tokens WHERE Hash = $h";
        find.Parameters.AddWithValue("$h", Hash(header["Bearer ".Length..]));
        if (await find.ExecuteScalarAsync() is null) return Results.Unauthorized();
    }
    await using var read = db.CreateCommand();
    read.CommandText = "SELECT Id, FirstName, LastName, Mrn, DateOfBirth, City, Status, Version FROM Participants WHERE Id = $id";
    read.Parameters.AddWithValue("$id", id.ToString());
    await using var r = await read.ExecuteReaderAsync();
    if (!await r.ReadAsync()) return Results.NotFound();
    return Results.Ok(new CeilingParticipant(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3),
        r.GetString(4), r.GetString(5), r.GetString(6), r.GetInt32(7)));
});
app.Run();

static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

static void Seed(string connection, string token)
{
    using var db = new SqliteConnection(connection);
    db.Open();
    using var cmd = db.CreateCommand();
    cmd.CommandText = """
        PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
        DROP TABLE IF EXISTS Tokens; DROP TABLE IF EXISTS Participants;
        CREATE TABLE Tokens (Hash TEXT PRIMARY KEY, UserId TEXT NOT NULL);
        CREATE TABLE Participants (Id TEXT PRIMARY KEY, FirstName TEXT, LastName TEXT, Mrn TEXT, DateOfBirth TEXT, City TEXT, Status TEXT, Version INTEGER);
        """;
    cmd.ExecuteNonQuery();
    cmd.CommandText = "INSERT INTO Tokens VALUES ($h, 'ceiling-user')";
    cmd.Parameters.AddWithValue("$h", Hash(token));
    cmd.ExecuteNonQuery();
    // Ids 00000000-0000-0000-0000-000000000001 … 200: the benchmark reads the first.
    for (var i = 1; i <= 200; i++)
    {
        cmd.Parameters.Clear();
        cmd.CommandText = "INSERT INTO Participants VALUES ($id, 'Avery', $last, $mrn, '1990-04-12', 'Portland', 'Active', 1)";
        cmd.Parameters.AddWithValue("$id", new Guid($"00000000-0000-0000-0000-{i:D12}").ToString());
        cmd.Parameters.AddWithValue("$last", $"Sample{i}");
        cmd.Parameters.AddWithValue("$mrn", $"MRN{i:D6}");
        cmd.ExecuteNonQuery();
    }
}

internal sealed record CeilingParticipant(Guid Id, string FirstName, string LastName, string Mrn, string DateOfBirth, string City, string Status, int Version);

[JsonSerializable(typeof(CeilingParticipant))]
internal sealed partial class CeilingJson : JsonSerializerContext;
