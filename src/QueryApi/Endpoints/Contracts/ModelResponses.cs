using System.Text.Json.Serialization;
using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.QueryApi.Endpoints.Contracts;

/// <summary>
/// Body of POST /recs/train, in the service card's camelCase: <c>{ modelType, startDate?, endDate?, parameters? }</c>.
/// Dates are ISO 8601 text, validated by the endpoint so a malformed one is a 400 naming the field.
/// </summary>
public sealed record TrainRequest(
    [property: JsonPropertyName("modelType")] string? ModelType,
    [property: JsonPropertyName("startDate")] string? StartDate,
    [property: JsonPropertyName("endDate")] string? EndDate,
    [property: JsonPropertyName("parameters")] Dictionary<string, string>? Parameters);

/// <summary>Body of POST /recs/models/{id}/activate (optional): an admin's override of the gate needs <c>override: true</c> and should say why.</summary>
public sealed record ActivateRequest(
    [property: JsonPropertyName("override")] bool Override,
    [property: JsonPropertyName("reason")] string? Reason);

public sealed record TrainingAccepted(string ModelVersion, string Status, string Location);

/// <summary>One version as GET /recs/models/{id} shows it: status, metrics, lineage, the gate's verdict and whether it serves.</summary>
public sealed record ModelVersionResponse(
    string Id,
    string ModelType,
    ModelStatus Status,
    bool Active,
    DateTimeOffset CreatedAt,
    int ArtefactItems,
    ModelLineage? Lineage,
    ModelEvaluation? Evaluation,
    GateDecision? Gate,
    string? Error)
{
    public static ModelVersionResponse From(ModelVersion v, ModelActivation? activation) => new(
        v.Id,
        v.ModelType,
        v.Status,
        string.Equals(activation?.VersionId, v.Id, StringComparison.Ordinal),
        DateTimeOffset.FromUnixTimeMilliseconds(v.CreatedAtMs),
        v.ArtefactItems,
        v.Lineage,
        v.Evaluation,
        v.Gate,
        v.Error);
}

/// <summary>GET /recs/models: the activation (null while the streaming recommender alone serves) and every version, newest first.</summary>
public sealed record ModelsResponse(ModelActivation? Activation, IReadOnlyList<ModelVersionResponse> Versions);
