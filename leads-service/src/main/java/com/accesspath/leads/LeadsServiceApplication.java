package com.accesspath.leads;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeadsServiceApplication.class, args);
	}

}
