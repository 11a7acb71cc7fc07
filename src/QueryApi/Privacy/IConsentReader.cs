namespace RecoStreams.QueryApi.Privacy;

/// <summary>Whether a user may get a personalised list (the consents global table, present on every instance).</summary>
public interface IConsentReader
{
    bool AllowsPersonalisation(string userId);
}
