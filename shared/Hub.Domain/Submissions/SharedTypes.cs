// The submission model uses the member rules' types for the facts both talk about, so a validated
// record maps onto MemberFacts without conversion.
global using CardState = Hub.Domain.Eligibility.CardState;
global using Nationality = Hub.Domain.Eligibility.Nationality;
global using CopayRatio = Hub.Domain.Members.CopayRatio;
