package com.accesspath.leads.lead;

public enum LeadType {

	DIAGNOSIS, CONTACT

}
