package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/moov-io/watchman/pkg/search"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/watchman"
)

// sourceData is the sourceData of a /v2/search result: what identifies
// the entry in payscreen's terms. ReferenceNumber is set for UN entries,
// under the name Watchman's UN source data gives it.
type sourceData struct {
	Source          string   `json:"source"`
	EntityID        string   `json:"entityID"`
	ReferenceNumber string   `json:"ReferenceNumber,omitempty"`
	Programs        []string `json:"programs"`
	DPRK            bool     `json:"dprk"`
	Remarks         string   `json:"remarks,omitempty"`
}

// toWatchman maps a listed entity to Watchman's entity model, as far as
// payscreen's model holds the fields.
func toWatchman(e *lists.Entity) search.Entity[search.Value] {
	sl, _ := watchman.SourceListOf(e.Source)
	out := search.Entity[search.Value]{
		Name:     e.PrimaryName(),
		Source:   sl,
		SourceID: e.ID,
	}
	var alt []string
	for _, n := range e.Names[min(1, len(e.Names)):] {
		alt = append(alt, n.Full)
	}
	var gov []search.GovernmentID
	for _, id := range e.Identifiers {
		switch id.Type {
		case lists.IDEmail:
			out.Contact.EmailAddresses = append(out.Contact.EmailAddresses, id.Value)
		case lists.IDPhone:
			out.Contact.PhoneNumbers = append(out.Contact.PhoneNumbers, id.Value)
		case lists.IDWebsite:
			out.Contact.Websites = append(out.Contact.Websites, id.Value)
		default:
			if t, ok := govIDTypes[id.Type]; ok {
				gov = append(gov, search.GovernmentID{Name: id.Label, Type: t, Country: id.Country, Identifier: id.Value})
			}
		}
	}
	switch e.Type {
	case lists.Person:
		out.Type = search.EntityPerson
		p := &search.Person{Name: out.Name, AltNames: alt, Gender: gender(e.Gender), Titles: e.Titles, GovernmentIDs: gov}
		if len(e.BirthDates) > 0 {
			p.BirthDate = toTime(e.BirthDates[0].From)
		}
		if len(e.BirthPlaces) > 0 {
			p.PlaceOfBirth = e.BirthPlaces[0].Text
		}
		out.Person = p
	case lists.Organization:
		out.Type = search.EntityBusiness
		out.Business = &search.Business{Name: out.Name, AltNames: alt, GovernmentIDs: gov}
	case lists.Vessel:
		out.Type = search.EntityVessel
		v := &search.Vessel{Name: out.Name, AltNames: alt}
		if e.Vessel != nil {
			v.CallSign, v.Flag, v.Owner = e.Vessel.CallSign, e.Vessel.Flag, e.Vessel.Owner
			v.Type = search.VesselType(e.Vessel.Type)
			v.Tonnage = atoi(e.Vessel.Tonnage)
			v.GrossRegisteredTonnage = atoi(e.Vessel.GRT)
		}
		for _, id := range e.Identifiers {
			if id.Type == lists.IDIMO {
				v.IMONumber = id.Value
			}
		}
		out.Vessel = v
	case lists.Aircraft:
		out.Type = search.EntityAircraft
		out.Aircraft = &search.Aircraft{Name: out.Name, AltNames: alt}
	default:
		out.Type = search.EntityUnknown
	}
	for _, a := range e.Addresses {
		out.Addresses = append(out.Addresses, search.Address{Line1: a.Street, City: a.City, PostalCode: a.PostalCode, State: a.Region, Country: a.Country})
	}
	for _, c := range e.Crypto {
		out.CryptoAddresses = append(out.CryptoAddresses, search.CryptoAddress{Currency: c.Currency, Address: c.Address})
	}
	if len(e.Programs) > 0 {
		out.SanctionsInfo = &search.SanctionsInfo{Programs: e.Programs}
	}
	sd := sourceData{Source: e.Source.String(), EntityID: e.ID, Programs: e.Programs, DPRK: e.DPRK, Remarks: e.Remarks}
	if sd.Programs == nil {
		sd.Programs = []string{}
	}
	if e.Source == lists.UN {
		sd.ReferenceNumber = e.ID
	}
	out.SourceData = sd
	return out
}

var govIDTypes = map[lists.IDType]search.GovernmentIDType{
	lists.IDPassport:       search.GovernmentIDPassport,
	lists.IDNationalID:     search.GovernmentIDNational,
	lists.IDTaxID:          search.GovernmentIDTax,
	lists.IDDriversLicense: search.GovernmentIDDriversLicense,
	lists.IDRegistration:   search.GovernmentIDBusinessRegisration,
}

func gender(g string) search.Gender {
	switch strings.ToLower(strings.TrimSpace(g)) {
	case "male", "m":
		return search.GenderMale
	case "female", "f":
		return search.GenderFemale
	case "":
		return ""
	}
	return search.GenderUnknown
}

// toTime returns d as a time, with an unknown month or day as the first;
// nil for no date.
func toTime(d lists.Date) *time.Time {
	if d.Year == 0 {
		return nil
	}
	t := time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
	return &t
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), ",", ""))
	return n
}
