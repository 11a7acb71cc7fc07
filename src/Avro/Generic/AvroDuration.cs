namespace RecoStreams.Avro.Generic;

/// <summary>
/// The value of a <c>duration</c> logical type: months, days and milliseconds held separately,
/// because their lengths vary (a month is not a fixed number of days).
/// </summary>
public readonly record struct AvroDuration(uint Months, uint Days, uint Milliseconds);
